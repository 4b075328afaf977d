package vaecourse.vae;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;

/**
 * A one-sample estimate of the negative ELBO written by hand, \( -\hat{\mathcal L}(x) = -\log
 * p_\theta(x \mid z) + \log q_\phi(z \mid x) - \log p_\lambda(z) \) with \( z = \mu + \sigma \odot
 * \varepsilon \): the shape of an exercise's answer that {@link EstimatorObjective} trains.
 */
@FunctionalInterface
public interface NegativeElboEstimator {

  /**
   * The estimate for each example.
   *
   * @param x binary data, {@code [batch, D]}
   * @param mu encoder means, {@code [batch, P]}
   * @param logVar encoder log-variances, {@code [batch, P]}
   * @param eps standard normal noise, {@code [batch, P]}
   * @param decoderLogits maps codes {@code [batch, P]} to Bernoulli logits {@code [batch, D]}
   * @param logPrior maps codes {@code [batch, P]} to \(\log p_\lambda(z)\) {@code [batch]}
   * @return the negative ELBO estimate of each example, {@code [batch]}
   */
  NDArray apply(
      NDArray x,
      NDArray mu,
      NDArray logVar,
      NDArray eps,
      Function<NDArray, NDArray> decoderLogits,
      Function<NDArray, NDArray> logPrior);
}
