/**
 * Data for the course: the IDX format, the image sources behind one loader ({@link
 * vaecourse.data.Datasets}), seeded splits, binarization and mini-batches, and the banana data set
 * of notebook 4 with its exact evidence ({@link vaecourse.data.Banana}).
 */
package vaecourse.data;
