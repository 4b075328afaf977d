/**
 * Priors \(p_\lambda(z)\) over latent codes: the standard normal, a learnable mixture of Gaussians,
 * a normalizing-flow prior with exact density and exact sampling, and the VampPrior; {@link
 * vaecourse.priors.DensityGrid} evaluates a 2-D density on a grid (its mass, contour figures).
 */
package vaecourse.priors;
