/**
 * The grader as an ordered list of small steps in the manner of nbgrader's preprocessors: validate
 * metadata, clear solutions, remove hidden tests, clear outputs, lock cells, checksum (to make
 * student notebooks), then merge a submission into the source, execute, limit output and score (to
 * grade one).
 */
package vaecourse.grader.pipeline;
