package vaecourse.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vaecourse.data.Batches;
import vaecourse.training.History;
import vaecourse.training.TrainingLoop;

/**
 * One trained model in a comparison of priors: its size, its training time and its two test bounds,
 * the negative ELBO and \( -\mathcal L_K \) (Burda et al., 2016), which is the closer estimate of
 * the negative log-likelihood.
 *
 * @param name the row's label
 * @param latent the latent size \(P\)
 * @param parameters all parameters of the model
 * @param priorParameters the prior's own parameters
 * @param secondsPerEpoch mean training time of an epoch
 * @param testNelbo the model's negative ELBO on the test batches (nats per image)
 * @param negIwBound \( -\mathcal L_K \) averaged over the bound's images
 * @param k the \(K\) of the bound
 */
public record ModelRow(
    String name,
    int latent,
    long parameters,
    long priorParameters,
    double secondsPerEpoch,
    double testNelbo,
    double negIwBound,
    int k) {

  /**
   * Measures a trained model.
   *
   * @param history its training run (for the time per epoch)
   * @param testData batches for the negative ELBO
   * @param boundImages images for \( -\mathcal L_K \), {@code [n, ...inputShape]}
   * @param k importance samples per image, at least 1
   * @throws IllegalArgumentException if {@code k < 1} or the history is empty
   */
  public static ModelRow of(
      String name, Vae vae, History history, Batches testData, NDArray boundImages, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1 importance sample, but was " + k);
    }
    if (history.size() == 0) {
      throw new IllegalArgumentException("the history of " + name + " holds no epoch");
    }
    double bound;
    try (NDArray perImage = vae.iwBound(boundImages, k)) {
      bound = -perImage.mean().getFloat();
    }
    return new ModelRow(
        name,
        vae.latentDim(),
        parameterCount(vae),
        parameterCount(vae.prior().block()),
        history.totalSeconds() / history.size(),
        TrainingLoop.evaluate(vae, testData),
        bound,
        k);
  }

  /** The number of values in all parameters of {@code block}. */
  public static long parameterCount(Block block) {
    long count = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      count += p.getValue().getArray().size();
    }
    return count;
  }

  /**
   * The rows as a table with columns prior, P, params, prior params, s/epoch, test -ELBO and -L_K.
   */
  public static Table table(List<ModelRow> rows) {
    String bound = rows.isEmpty() ? "-L_K" : "-L_" + rows.get(0).k();
    StringColumn name = StringColumn.create("prior");
    IntColumn p = IntColumn.create("P");
    LongColumn params = LongColumn.create("params");
    LongColumn priorParams = LongColumn.create("prior params");
    DoubleColumn seconds = DoubleColumn.create("s/epoch");
    DoubleColumn nelbo = DoubleColumn.create("test -ELBO");
    DoubleColumn lk = DoubleColumn.create(bound);
    for (ModelRow r : rows) {
      name.append(r.name());
      p.append(r.latent());
      params.append(r.parameters());
      priorParams.append(r.priorParameters());
      seconds.append(Math.round(r.secondsPerEpoch() * 10) / 10.0);
      nelbo.append(Math.round(r.testNelbo() * 100) / 100.0);
      lk.append(Math.round(r.negIwBound() * 100) / 100.0);
    }
    return Table.create("priors compared", name, p, params, priorParams, seconds, nelbo, lk);
  }
}
