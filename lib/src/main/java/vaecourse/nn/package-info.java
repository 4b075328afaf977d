/**
 * Neural networks of the course models: MLP and convolutional encoders producing \((\mu,
 * \log\sigma^2)\), and decoders that turn a latent code into the parameters of a Bernoulli or
 * Gaussian likelihood.
 */
package vaecourse.nn;
