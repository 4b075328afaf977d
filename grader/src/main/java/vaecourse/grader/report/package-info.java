/**
 * What grading one submission produced and the files written from it: a Gradescope {@code
 * results.json} and a feedback page per submission, and per class a {@code grades.csv} and a
 * manual-grading sheet rebuilt atomically from the per-submission records.
 */
package vaecourse.grader.report;
