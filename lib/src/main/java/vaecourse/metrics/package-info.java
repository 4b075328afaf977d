/** Sample-based measures of how far apart two distributions are: the k-nearest-neighbour KL. */
package vaecourse.metrics;
