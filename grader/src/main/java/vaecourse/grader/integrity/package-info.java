/**
 * Keeps tests apart from answers: what an answer cell (or a cell the student adds) may declare and
 * call, checked on its syntax tree before the notebook runs, with the task rules ({@code
 * metadata.course.forbid}) of each answer cell.
 */
package vaecourse.grader.integrity;
