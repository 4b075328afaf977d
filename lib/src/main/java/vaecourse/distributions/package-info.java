/**
 * Log-densities written with tensor operations, reparameterized samplers and closed-form KL
 * divergences: the probability toolkit every model in the course is assembled from.
 */
package vaecourse.distributions;
