package vaecourse.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Supplier;
import vaecourse.distributions.Checks;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.distributions.LogDensities;
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
public final class Vae extends AbstractBlock implements Objective, AutoCloseable {

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
    return scoped(x.getManager(),
        () -> terms(new ParameterStore(manager, false), x, false).negativeElbo());
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
    try (NDScope scope = new NDScope()) {
      ElboTerms t = terms(new ParameterStore(manager, false), x, false);
      keep(x.getManager(), t.logLikelihood());
      keep(x.getManager(), t.kl());
      return t;
    }
  }

  /**
   * The importance-weighted bound (Burda et al., 2016) \[ \mathcal{L}_K(x) = \log \frac1K
   * \sum_{k=1}^K \frac{p_\theta(x \mid z_k)\, p_\lambda(z_k)}{q_\phi(z_k \mid x)}, \quad z_k \sim
   * q_\phi(z \mid x), \] a lower bound on \(\log p(x)\) that never decreases in expectation as \(K\)
   * grows and equals the ELBO's expectation at \(K = 1\). The \(K\) draws are decoded in chunks of
   * at most {@code iwChunkRows} rows, so {@code K = 1000} fits in memory; the log-weights are
   * combined with log-sum-exp. Evaluation only: no gradients.
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
    return scoped(x.getManager(), () -> iwBoundUnscoped(x, k));
  }

  private NDArray iwBoundUnscoped(NDArray x, int k) {
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
    NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
    NDArray bound = LogDensities.logSumExp(all, 0).sub(Math.log(k));
    // The chunks were taken out of their scopes; free them now.
    parts.close();
    all.close();
    return bound;
  }

  /**
   * Generates {@code n} examples: \( z \sim p_\lambda(z) \), then the decoder mean \(
   * \mathbb{E}[x \mid z] \) (the usual picture of a sample; see {@link #sampleObservations} for a
   * draw of \(x\) itself).
   *
   * @param manager owns the result
   * @param n how many, at least 1
   * @return shape {@code [n, ...dataShape]}
   */
  public NDArray sample(NDManager manager, int n) {
    return scoped(manager, () -> {
      NDArray z = prior.sample(manager, n);
      return decoder.mean(decoder.decode(new ParameterStore(this.manager, false), z, false))
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
    return scoped(manager, () -> {
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
    return scoped(x.getManager(), () -> {
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
    try (NDScope scope = new NDScope()) {
      DiagonalGaussian q = encoder.encode(new ParameterStore(manager, false), x, false);
      keep(x.getManager(), q.mu());
      keep(x.getManager(), q.logVar());
      return q;
    }
  }

  /** The encoder means \( \mu_\phi(x) \) without gradients, shape {@code [batch, P]}. */
  public NDArray encodeMean(NDArray x) {
    checkData(x);
    return scoped(x.getManager(),
        () -> encoder.encode(new ParameterStore(manager, false), x, false).mu().stopGradient());
  }

  /**
   * The decoder mean for given codes.
   *
   * @param z codes, shape {@code [batch, P]}
   * @return shape {@code [batch, ...dataShape]}
   */
  public NDArray decode(NDArray z) {
    return scoped(z.getManager(),
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
      kl = samples == 1 ? logQ.sub(logP)
          : logQ.sub(logP.reshape(samples, batch)).mean(new int[] {0});
    }
    return new ElboTerms(logLik, kl);
  }

  /** Stacks {@code times} copies of {@code x} along the batch axis: {@code [times * batch, ...]}. */
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
          "x shape " + s + " must be [batch, " + encoder.inputShape().toString()
              .replaceAll("[()]", "") + "] (" + perExample + " values per example)");
    }
  }

  private void checkData(NDArray x) {
    checkShape(x);
    Checks.noNaN("x", x);
  }

  private static NDArray scoped(NDManager target, Supplier<NDArray> body) {
    try (NDScope scope = new NDScope()) {
      return keep(target, body.get());
    }
  }

  private static NDArray keep(NDManager target, NDArray a) {
    NDScope.unregister(a);
    a.attach(target);
    return a;
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
            "decoder latentDim " + decoder.latentDim() + " does not match encoder latentDim "
                + encoder.latentDim());
      }
      if (prior.latentDim() != encoder.latentDim()) {
        throw new IllegalArgumentException(
            "prior latentDim " + prior.latentDim() + " does not match encoder latentDim "
                + encoder.latentDim());
      }
      if (encoder.inputShape().size() != decoder.dataShape().size()) {
        throw new IllegalArgumentException(
            "decoder dataShape " + decoder.dataShape() + " does not hold the encoder inputShape "
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
