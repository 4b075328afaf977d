package vaecourse.vae;

import ai.djl.ndarray.NDArray;
import vaecourse.distributions.Checks;

/**
 * The two terms of the ELBO for each example of a batch: \( \mathrm{ELBO} = \mathbb{E}_q[\log
 * p(x \mid z)] - \mathrm{KL}(q(z \mid x) \,\|\, p(z)) \).
 *
 * @param logLikelihood the reconstruction term \( \mathbb{E}_q[\log p(x \mid z)] \) (a Monte Carlo
 *     estimate), shape {@code [batch]}
 * @param kl the KL term (closed form or a Monte Carlo estimate), shape {@code [batch]}
 */
public record ElboTerms(NDArray logLikelihood, NDArray kl) {

  /**
   * Checks the shapes.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public ElboTerms {
    Checks.sameShape("kl", kl, "logLikelihood", logLikelihood);
  }

  /** \( -\mathrm{ELBO} = \mathrm{KL} - \mathbb{E}_q[\log p(x \mid z)] \), shape {@code [batch]}. */
  public NDArray negativeElbo() {
    return kl.sub(logLikelihood);
  }

  /** The batch mean of the negative ELBO, a scalar. */
  public NDArray meanNegativeElbo() {
    return negativeElbo().mean();
  }
}
