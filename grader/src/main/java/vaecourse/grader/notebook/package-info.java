/**
 * The Jupyter notebook file (nbformat 4) as the grader sees it: cells, nbgrader cell metadata
 * (schema 3) and the course's own output checks, read strictly and written byte-for-byte
 * deterministically, keeping every key the grader does not know.
 */
package vaecourse.grader.notebook;
