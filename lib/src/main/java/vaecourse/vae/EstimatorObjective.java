package vaecourse.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.training.Objective;

/**
 * Trains a {@link Vae} with a hand-written {@link NegativeElboEstimator} instead of the model's own
 * loss: each batch is encoded, fresh noise \( \varepsilon \sim \mathcal N(0, I) \) is drawn, and
 * the estimator gets the flat batch {@code [batch, D]}, the decoder's flat logits and the model's
 * prior as functions of the code. The loss is the batch mean of the estimate. The estimator alone
 * decides what is computed, so a wrong estimator trains the wrong thing.
 *
 * <pre>{@code
 * Objective yours = EstimatorObjective.of(vae, (x, mu, logVar, eps, logits, logPrior) ->
 *     negativeElbo(x, mu, logVar, eps, logits, logPrior));
 * TrainingLoop.recipe(yours, trainData, validData).build().fit();
 * }</pre>
 */
public final class EstimatorObjective implements Objective {

  private final Vae vae;
  private final BernoulliDecoder decoder;
  private final NegativeElboEstimator estimator;
  private final ParameterStore store;

  private EstimatorObjective(Vae vae, BernoulliDecoder decoder, NegativeElboEstimator estimator) {
    this.vae = vae;
    this.decoder = decoder;
    this.estimator = estimator;
    this.store = new ParameterStore(vae.manager(), false);
  }

  /**
   * The objective of {@code estimator} on {@code vae}'s encoder, decoder and prior.
   *
   * @throws IllegalArgumentException if an argument is null, or the decoder is not a {@link
   *     BernoulliDecoder} (the estimator takes logits)
   */
  public static EstimatorObjective of(Vae vae, NegativeElboEstimator estimator) {
    if (vae == null || estimator == null) {
      throw new IllegalArgumentException("vae and estimator must not be null");
    }
    if (!(vae.decoder() instanceof BernoulliDecoder decoder)) {
      throw new IllegalArgumentException(
          "the estimator takes Bernoulli logits, but the model's decoder is a "
              + vae.decoder().getClass().getSimpleName()
              + ": build the Vae with a BernoulliDecoder");
    }
    return new EstimatorObjective(vae, decoder, estimator);
  }

  @Override
  public Block block() {
    return vae;
  }

  /**
   * The batch mean of the estimator on one fresh draw of noise.
   *
   * @throws IllegalArgumentException if the estimator does not return one value per example
   */
  @Override
  public NDArray loss(NDArray x, boolean training) {
    long batch = x.getShape().get(0);
    // Flat batches reach a convolutional encoder in its own shape, e.g. [batch, 1, 28, 28].
    NDArray input = x.reshape(new Shape(batch).addAll(vae.encoder().inputShape()));
    DiagonalGaussian q = vae.encoder().encode(store, input, training);
    NDArray eps = x.getManager().randomNormal(q.mu().getShape());
    Function<NDArray, NDArray> logits =
        z -> decoder.logits(decoder.decode(store, z, training)).reshape(z.getShape().get(0), -1);
    NDArray perExample =
        estimator.apply(
            x.reshape(batch, -1), q.mu(), q.logVar(), eps, logits, vae.prior()::logProb);
    if (perExample.getShape().dimension() != 1 || perExample.size() != batch) {
      throw new IllegalArgumentException(
          "the negative ELBO estimator must return one value per example, shape ["
              + batch
              + "], but returned "
              + perExample.getShape());
    }
    return perExample.mean();
  }
}
