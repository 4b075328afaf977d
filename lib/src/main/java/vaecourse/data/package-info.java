/**
 * Image data for the course: the IDX format, the sources behind one loader ({@link
 * vaecourse.data.Datasets}), seeded splits, binarization and mini-batches.
 */
package vaecourse.data;
