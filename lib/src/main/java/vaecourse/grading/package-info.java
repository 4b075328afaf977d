/**
 * Assertions for notebook test cells ({@link vaecourse.grading.Check}): shape first, then values,
 * with messages that say what was expected and what was found.
 */
package vaecourse.grading;
