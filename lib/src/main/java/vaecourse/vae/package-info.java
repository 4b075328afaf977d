/**
 * The variational autoencoder: negative ELBO (Monte Carlo or with analytic KL), the
 * importance-weighted bound, sampling and reconstruction, as a trainable {@code Objective}.
 */
package vaecourse.vae;
