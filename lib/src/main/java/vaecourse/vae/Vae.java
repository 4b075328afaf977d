package vaecourse.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;
import java.util.function.Supplier;
import vaecourse.data.ArraySource;
import vaecourse.distributions.Checks;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Scopes;
import vaecourse.nn.CourseBlock;
import vaecourse.nn.Decoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.priors.Prior;
import vaecourse.priors.StandardNormalPrior;
import vaecourse.training.Objective;

/**
 * A variational autoencoder (Kingma and Welling, 2014): encoder \( q_\phi(z \mid x) \), decoder \(
 * p_\theta(x \mid z) \) and prior \( p_\lambda(z) \) in one DJL block, trained by minimizing the
 * negative ELBO \[ -\mathcal{L}(x) = -\mathbb{E}_{q_\phi(z \mid x)}[\log p_\theta(x \mid z)] +
 * \mathrm{KL}(q_\phi(z \mid x) \,\|\, p_\lambda(z)). \] The expectation is estimated with {@code
 * samples} reparameterized draws. The KL term is the closed form when the prior is \(\mathcal{N}(0,
 * I)\) (unless turned off) and otherwise the Monte Carlo estimate \( \frac1L \sum_l [\log q(z_l
 * \mid x) - \log p(z_l)] \) on the same draws.
 *
 * <pre>{@code
 * Vae vae = Vae.builder()
 *     .setEncoder(GaussianEncoder.mlp(784, 512, 2))
 *     .setDecoder(BernoulliDecoder.mlp(2, 512, 784))
 *     .build();
 * NDArray loss = vae.negativeElbo(x);   // scalar, batch mean
 * NDArray images = vae.sample(16);      // [16, 784] decoder means
 * }</pre>
 *
 * <p>The block is initialized by {@link Builder#build()} (parameters live in the model's manager).
 * Public methods other than {@link #loss} run inside an {@link NDScope} and attach their results to
 * the input's manager, so intermediate arrays never pile up on the model's manager.
 */
public final class Vae extends CourseBlock implements Objective, AutoCloseable {

  private static final byte VERSION = 1;

  /** Default cap on decoder rows per chunk of the importance-weighted bound. */
  public static final int DEFAULT_IW_CHUNK_ROWS = 10_000;

  private final GaussianEncoder encoder;
  private final Decoder decoder;
  private final Prior prior;
  private final int samples;
  private final boolean analyticKl;
  private final int iwChunkRows;
  private final NDManager manager;
  private final boolean ownsManager;

  private Vae(Builder b) {
    super(VERSION);
    this.encoder = addChildBlock("encoder", b.encoder);
    this.decoder = addChildBlock("decoder", b.decoder);
    this.prior = b.prior;
    addChildBlock("prior", b.prior.block());
    this.samples = b.samples;
    this.analyticKl = b.analyticKl;
    this.iwChunkRows = b.iwChunkRows;
    this.ownsManager = b.manager == null;
    this.manager = b.manager == null ? NDManager.newBaseManager() : b.manager;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The encoder \( q_\phi(z \mid x) \). */
  public GaussianEncoder encoder() {
    return encoder;
  }

  /** The decoder \( p_\theta(x \mid z) \). */
  public Decoder decoder() {
    return decoder;
  }

  /** The prior \( p_\lambda(z) \). */
  public Prior prior() {
    return prior;
  }

  /** \(P\). */
  public int latentDim() {
    return encoder.latentDim();
  }

  /** Monte Carlo samples per example in the ELBO. */
  public int samples() {
    return samples;
  }

  /** Whether the KL term is computed in closed form (only with a standard normal prior). */
  public boolean usesAnalyticKl() {
    return analyticKl && prior.isStandardNormal();
  }

  /** The manager that owns the parameters. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public Block block() {
    return this;
  }

  /**
   * The training loss: batch mean of the negative ELBO, without extra checks or scopes (the
   * training loop owns the memory scope).
   *
   * @param x a batch, shape {@code [batch, ...inputShape]}
   * @param training whether batch norm uses batch statistics
   * @return a scalar
   */
  @Override
  public NDArray loss(NDArray x, boolean training) {
    return terms(new ParameterStore(manager, false), x, training).meanNegativeElbo();
  }

  /**
   * The negative ELBO averaged over the batch (evaluation mode); gradients flow when called inside
   * a gradient collector.
   *
   * @param x a batch, shape {@code [batch, ...inputShape]}
   * @return a scalar
   * @throws IllegalArgumentException if {@code x} has the wrong shape or contains NaN
   */
  public NDArray negativeElbo(NDArray x) {
    checkData(x);
    return scoped(x.getManager(), () -> loss(x, false));
  }

  /**
   * The negative ELBO of each example (evaluation mode).
   *
   * @param x a batch, shape {@code [batch, ...inputShape]}
   * @return shape {@code [batch]}
   * @throws IllegalArgumentException if {@code x} has the wrong shape or contains NaN
   */
  public NDArray negativeElboPerExample(NDArray x) {
    checkData(x);
    return scoped(
        x.getManager(), () -> terms(new ParameterStore(manager, false), x, false).negativeElbo());
  }

  /**
   * Both ELBO terms per example (evaluation mode).
   *
   * @param x a batch, shape {@code [batch, ...inputShape]}
   * @return reconstruction log-likelihood and KL, each {@code [batch]}
   * @throws IllegalArgumentException if {@code x} has the wrong shape or contains NaN
   */
  public ElboTerms elboTerms(NDArray x) {
    checkData(x);
    NDList t =
        Scopes.keepAll(
            x.getManager(),
            () -> {
              ElboTerms terms = terms(new ParameterStore(manager, false), x, false);
              return new NDList(terms.logLikelihood(), terms.kl());
            });
    return new ElboTerms(t.get(0), t.get(1));
  }

  /**
   * The importance-weighted bound (Burda et al., 2016) \[ \mathcal{L}_K(x) = \log \frac1K
   * \sum_{k=1}^K \frac{p_\theta(x \mid z_k)\, p_\lambda(z_k)}{q_\phi(z_k \mid x)}, \quad z_k \sim
   * q_\phi(z \mid x), \] a lower bound on \(\log p(x)\) that never decreases in expectation as
   * \(K\) grows and equals the ELBO's expectation at \(K = 1\). The \(K\) draws are decoded in
   * chunks of at most {@code iwChunkRows} rows, so {@code K = 1000} fits in memory; the log-weights
   * are combined with log-sum-exp. Evaluation only: no gradients.
   *
   * @param x a batch, shape {@code [batch, ...inputShape]}
   * @param k the number of importance samples, at least 1
   * @return \(\mathcal{L}_K\) per example (higher is better; \(-\mathcal{L}_K\) bounds the NLL from
   *     above), shape {@code [batch]}
   * @throws IllegalArgumentException if {@code k < 1}, or {@code x} has the wrong shape or NaN
   */
  public NDArray iwBound(NDArray x, int k) {
    Checks.positive("k", k);
    checkData(x);
    return scoped(
        x.getManager(),
        () -> {
          NDArray logW = logWeightsUnscoped(x, k);
          NDArray bound = logMeanExp(logW);
          logW.close();
          return bound;
        });
  }

  /**
   * \(\mathcal{L}_K\) of every example of a data set, in batches that keep each decoder call under
   * {@code iwChunkRows} rows, with a one-line progress display on standard output when {@code
   * progress} is set.
   *
   * @param data the examples
   * @param k the number of importance samples, at least 1
   * @param progress whether to show progress
   * @return the bound of each example, its mean and standard error
   * @throws IllegalArgumentException if {@code k < 1} or the data set is empty
   */
  public BoundEstimate iwBound(ArraySource data, int k, boolean progress) {
    Checks.positive("k", k);
    Checks.positive("data.size()", data.size());
    int n = data.size();
    int batch = Math.max(1, Math.min(500, iwChunkRows / k));
    double[] values = new double[n];
    long start = System.nanoTime();
    long lastDraw = start;
    for (int from = 0; from < n; from += batch) {
      int to = Math.min(n, from + batch);
      int[] idx = new int[to - from];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = from + i;
      }
      try (NDManager step = manager.newSubManager()) {
        float[] b = iwBound(data.rows(step, idx), k).toFloatArray();
        for (int i = 0; i < b.length; i++) {
          values[from + i] = b[i];
        }
      }
      long now = System.nanoTime();
      if (progress && (now - lastDraw > 2_000_000_000L || to == n)) {
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "\rL_%d: %d/%d examples, %.1fs, %.1fs left   ",
            k,
            to,
            n,
            elapsed,
            elapsed / to * (n - to));
        System.out.flush();
      }
    }
    if (progress) {
      System.out.print("\r" + " ".repeat(60) + "\r");
      System.out.flush();
    }
    return new BoundEstimate(k, values, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The log importance weights \( \log w_k = \log p_\theta(x \mid z_k) + \log p_\lambda(z_k) - \log
   * q_\phi(z_k \mid x) \), \( z_k \sim q_\phi(z \mid x) \), from which {@link #iwBound} is {@link
   * #logMeanExp}. Evaluation only: no gradients.
   *
   * @param x a batch, shape {@code [batch, ...inputShape]}
   * @param k the number of draws per example, at least 1
   * @return shape {@code [k, batch]}: row {@code j} holds draw {@code j} of every example
   * @throws IllegalArgumentException if {@code k < 1}, or {@code x} has the wrong shape or NaN
   */
  public NDArray logWeights(NDArray x, int k) {
    Checks.positive("k", k);
    checkData(x);
    return scoped(x.getManager(), () -> logWeightsUnscoped(x, k));
  }

  /**
   * The importance-weighted bound from log-weights, \[ \mathcal{L}_K = \log \frac1K \sum_{k=1}^K
   * w_k = m + \log \frac1K \sum_{k=1}^K e^{\log w_k - m}, \quad m = \max_k \log w_k, \] shifted by
   * the maximum so that weights of \(e^{-1000}\) neither underflow to \(\log 0\) nor overflow.
   *
   * @param logWeights shape {@code [K, batch]}
   * @return shape {@code [batch]}
   * @throws IllegalArgumentException if {@code logWeights} is not two-dimensional or holds NaN
   */
  public static NDArray logMeanExp(NDArray logWeights) {
    Checks.rank("logWeights", logWeights, 2, "[K, batch]");
    Checks.noNaN("logWeights", logWeights);
    long k = logWeights.getShape().get(0);
    return LogDensities.logSumExp(logWeights, 0).sub(Math.log(k));
  }

  private NDArray logWeightsUnscoped(NDArray x, int k) {
    ParameterStore ps = new ParameterStore(manager, false);
    long batch = x.getShape().get(0);
    DiagonalGaussian q0 = encoder.encode(ps, x, false);
    DiagonalGaussian q = new DiagonalGaussian(q0.mu().stopGradient(), q0.logVar().stopGradient());
    int chunk = (int) Math.max(1, Math.min(k, iwChunkRows / Math.max(batch, 1)));
    NDList parts = new NDList();
    for (int done = 0; done < k; done += chunk) {
      int c = Math.min(chunk, k - done);
      try (NDScope scope = new NDScope()) {
        NDArray z = q.rsample(c); // [c, batch, P]
        NDArray zFlat = z.reshape((long) c * batch, latentDim());
        NDArray xRep = tileRows(x, c);
        NDArray logLik = decoder.logLikelihood(xRep, decoder.decode(ps, zFlat, false));
        NDArray logW =
            logLik.add(prior.logProb(zFlat)).reshape(c, batch).sub(q.logProb(z)).stopGradient();
        NDScope.unregister(logW);
        parts.add(logW);
      }
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    NDArray all = NDArrays.concat(parts);
    // The chunks were taken out of their scopes; free them now.
    parts.close();
    return all;
  }

  /**
   * Generates {@code n} examples: \( z \sim p_\lambda(z) \), then the decoder mean \( \mathbb{E}[x
   * \mid z] \) (the usual picture of a sample; see {@link #sampleObservations} for a draw of \(x\)
   * itself).
   *
   * @param manager owns the result
   * @param n how many, at least 1
   * @return shape {@code [n, ...dataShape]}
   */
  public NDArray sample(NDManager manager, int n) {
    return scoped(
        manager,
        () -> {
          NDArray z = prior.sample(manager, n);
          return decoder
              .mean(decoder.decode(new ParameterStore(this.manager, false), z, false))
              .stopGradient();
        });
  }

  /** {@link #sample(NDManager, int)} owned by the model's manager (freed when it closes). */
  public NDArray sample(int n) {
    return sample(manager, n);
  }

  /**
   * Generates {@code n} observations \( x \sim p_\theta(x \mid z) \), \( z \sim p_\lambda(z) \)
   * (binary images for a Bernoulli decoder).
   *
   * @return shape {@code [n, ...dataShape]}
   */
  public NDArray sampleObservations(NDManager manager, int n) {
    return scoped(
        manager,
        () -> {
          NDArray z = prior.sample(manager, n);
          return decoder.sample(decoder.decode(new ParameterStore(this.manager, false), z, false));
        });
  }

  /**
   * Reconstructs a batch through the encoder mean: \( \mathbb{E}[x \mid z = \mu_\phi(x)] \).
   *
   * @param x a batch, shape {@code [batch, ...inputShape]}
   * @return shape {@code [batch, ...dataShape]}
   */
  public NDArray reconstruct(NDArray x) {
    checkData(x);
    return scoped(
        x.getManager(),
        () -> {
          ParameterStore ps = new ParameterStore(manager, false);
          NDArray mu = encoder.encode(ps, x, false).mu();
          return decoder.mean(decoder.decode(ps, mu, false)).stopGradient();
        });
  }

  /**
   * The encoder's distribution \( q_\phi(z \mid x) \) (evaluation mode).
   *
   * @return mean and log-variance, each {@code [batch, P]}
   */
  public DiagonalGaussian encode(NDArray x) {
    checkData(x);
    NDList q =
        Scopes.keepAll(
            x.getManager(),
            () -> encoder.forward(new ParameterStore(manager, false), new NDList(x), false));
    return new DiagonalGaussian(q.get(0), q.get(1));
  }

  /** The encoder means \( \mu_\phi(x) \) without gradients, shape {@code [batch, P]}. */
  public NDArray encodeMean(NDArray x) {
    checkData(x);
    return scoped(
        x.getManager(),
        () -> encoder.encode(new ParameterStore(manager, false), x, false).mu().stopGradient());
  }

  /**
   * The decoder mean for given codes.
   *
   * @param z codes, shape {@code [batch, P]}
   * @return shape {@code [batch, ...dataShape]}
   */
  public NDArray decode(NDArray z) {
    return scoped(
        z.getManager(),
        () -> decoder.mean(decoder.decode(new ParameterStore(manager, false), z, false)));
  }

  /** Closes the parameter manager if this model created it. */
  @Override
  public void close() {
    if (ownsManager) {
      manager.close();
    }
  }

  private ElboTerms terms(ParameterStore ps, NDArray x, boolean training) {
    checkShape(x);
    long batch = x.getShape().get(0);
    DiagonalGaussian q = encoder.encode(ps, x, training);
    NDArray z;
    NDArray xRep;
    if (samples == 1) {
      z = q.rsample();
      xRep = x;
    } else {
      // Draw-major layout: rows l * batch + i hold draw l of example i.
      z = q.rsample(samples).reshape((long) samples * batch, latentDim());
      xRep = tileRows(x, samples);
    }
    NDArray logLik = decoder.logLikelihood(xRep, decoder.decode(ps, z, training));
    logLik = samples == 1 ? logLik : logLik.reshape(samples, batch).mean(new int[] {0});
    NDArray kl;
    if (usesAnalyticKl()) {
      kl = q.klToStandardNormal();
    } else {
      NDArray zq = samples == 1 ? z : z.reshape(samples, batch, latentDim());
      NDArray logQ = q.logProb(zq);
      NDArray logP = prior.logProb(z);
      kl =
          samples == 1
              ? logQ.sub(logP)
              : logQ.sub(logP.reshape(samples, batch)).mean(new int[] {0});
    }
    return new ElboTerms(logLik, kl);
  }

  /**
   * Stacks {@code times} copies of {@code x} along the batch axis: {@code [times * batch, ...]}.
   */
  private static NDArray tileRows(NDArray x, long times) {
    long[] reps = new long[x.getShape().dimension()];
    java.util.Arrays.fill(reps, 1);
    reps[0] = times;
    return x.tile(reps);
  }

  private void checkShape(NDArray x) {
    Shape s = x.getShape();
    long perExample = encoder.inputShape().size();
    if (s.dimension() < 2 || s.get(0) == 0 || s.size() / s.get(0) != perExample) {
      throw new IllegalArgumentException(
          "x shape "
              + s
              + " must be [batch, "
              + encoder.inputShape().toString().replaceAll("[()]", "")
              + "] ("
              + perExample
              + " values per example)");
    }
  }

  private void checkData(NDArray x) {
    checkShape(x);
    Checks.noNaN("x", x);
  }

  private static NDArray scoped(NDManager target, Supplier<NDArray> body) {
    return Scopes.keep(target, body);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(terms(ps, inputs.singletonOrThrow(), training).negativeElbo());
  }

  @Override
  protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {
    long batch = shapes[0].get(0);
    encoder.initialize(m, t, new Shape(batch).addAll(encoder.inputShape()));
    decoder.initialize(m, t, new Shape(batch, latentDim()));
    prior.block().initialize(m, t, new Shape(batch, latentDim()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] shapes) {
    return new Shape[] {new Shape(shapes[0].get(0))};
  }

  /** Builder: encoder and decoder are required. */
  public static final class Builder {
    private GaussianEncoder encoder;
    private Decoder decoder;
    private Prior prior;
    private int samples = 1;
    private boolean analyticKl = true;
    private int iwChunkRows = DEFAULT_IW_CHUNK_ROWS;
    private NDManager manager;
    private DataType dataType = DataType.FLOAT32;

    private Builder() {}

    /** The encoder \( q_\phi(z \mid x) \). */
    public Builder setEncoder(GaussianEncoder encoder) {
      this.encoder = encoder;
      return this;
    }

    /** The decoder \( p_\theta(x \mid z) \). */
    public Builder setDecoder(Decoder decoder) {
      this.decoder = decoder;
      return this;
    }

    /** The prior (default: standard normal of the encoder's latent dimension). */
    public Builder optPrior(Prior prior) {
      this.prior = prior;
      return this;
    }

    /** Monte Carlo samples per example in the ELBO (default 1). */
    public Builder optSamples(int samples) {
      this.samples = samples;
      return this;
    }

    /** Use the closed-form KL when the prior is standard normal (default true). */
    public Builder optAnalyticKl(boolean analyticKl) {
      this.analyticKl = analyticKl;
      return this;
    }

    /** Cap on decoder rows per chunk in {@link Vae#iwBound} (default 10,000). */
    public Builder optIwChunkRows(int rows) {
      this.iwChunkRows = rows;
      return this;
    }

    /** The manager that owns the parameters (default: a new one, closed by {@link Vae#close}). */
    public Builder optManager(NDManager manager) {
      this.manager = manager;
      return this;
    }

    /** Parameter data type (default float32). */
    public Builder optDataType(DataType dataType) {
      this.dataType = dataType;
      return this;
    }

    /**
     * Builds and initializes the model.
     *
     * @throws IllegalArgumentException if a part is missing or the latent dimensions disagree
     */
    public Vae build() {
      if (encoder == null) {
        throw new IllegalArgumentException("encoder must be set (setEncoder)");
      }
      if (decoder == null) {
        throw new IllegalArgumentException("decoder must be set (setDecoder)");
      }
      if (prior == null) {
        prior = StandardNormalPrior.of(encoder.latentDim());
      }
      if (decoder.latentDim() != encoder.latentDim()) {
        throw new IllegalArgumentException(
            "decoder latentDim "
                + decoder.latentDim()
                + " does not match encoder latentDim "
                + encoder.latentDim());
      }
      if (prior.latentDim() != encoder.latentDim()) {
        throw new IllegalArgumentException(
            "prior latentDim "
                + prior.latentDim()
                + " does not match encoder latentDim "
                + encoder.latentDim());
      }
      if (encoder.inputShape().size() != decoder.dataShape().size()) {
        throw new IllegalArgumentException(
            "decoder dataShape "
                + decoder.dataShape()
                + " does not hold the encoder inputShape "
                + encoder.inputShape());
      }
      Checks.positive("samples", samples);
      Checks.positive("iwChunkRows", iwChunkRows);
      Vae vae = new Vae(this);
      vae.initialize(vae.manager, dataType, new Shape(1).addAll(encoder.inputShape()));
      return vae;
    }
  }
}
