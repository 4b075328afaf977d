/**
 * Priors \(p_\lambda(z)\) over latent codes: the standard normal, a learnable mixture of Gaussians
 * and a normalizing-flow prior with exact density and exact sampling.
 */
package vaecourse.priors;
