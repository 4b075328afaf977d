package vaecourse.priors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Scopes;
import vaecourse.nn.GaussianEncoder;

/**
 * The VampPrior (Tomczak and Welling, "VAE with a VampPrior", AISTATS 2018): a uniform mixture of
 * the encoder's own posteriors at \(K\) learnable pseudo-inputs \(u_k\), \[ p_\lambda(z) = \frac1K
 * \sum_{k=1}^K q_\phi(z \mid u_k), \qquad u_k = \operatorname{sigmoid}(w_k) \in (0, 1)^D. \] It
 * approximates the aggregate posterior \( \frac1N \sum_n q_\phi(z \mid x_n) \), the prior that
 * maximizes the ELBO averaged over the data, with \(K \ll N\) components. The raw pseudo-inputs
 * \(w\) {@code [K, ...inputShape]} are this block's only parameters (the paper bounds \(u\) with a
 * hard tanh; the sigmoid keeps gradients everywhere). The encoder is shared with the VAE, not
 * owned: its parameters stay in the VAE's encoder block, so the optimizer sees each of them once,
 * and the prior calls it in evaluation mode (batch norm uses running statistics). Forward maps
 * {@code z} to {@code log p(z)}.
 */
public final class VampPrior extends PriorBlock {

  /** Standard deviation of the random initial raw pseudo-inputs. */
  public static final float INIT_SIGMA = 1f;

  /** Pixel values of data used as initial pseudo-inputs are clipped to [CLIP, 1 - CLIP]. */
  public static final float CLIP = 0.01f;

  private final GaussianEncoder encoder;
  private final int components;
  private final Parameter raw;

  private VampPrior(GaussianEncoder encoder, int components, Initializer init) {
    this.encoder = encoder;
    this.components = components;
    this.raw =
        addParameter(
            Parameter.builder()
                .setName("pseudoInputs")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(components).addAll(encoder.inputShape()))
                .optInitializer(init)
                .build());
  }

  /**
   * A VampPrior with {@code components} pseudo-inputs whose raw values start from \(\mathcal{N}(0,
   * 1)\) (engine's seeded generator); the paper uses \(K = 500\) on MNIST.
   *
   * @param encoder the VAE's encoder (give the same instance to the {@code Vae} builder)
   * @throws IllegalArgumentException if {@code components < 1} or the encoder is null
   */
  public static VampPrior of(GaussianEncoder encoder, int components) {
    check(encoder, components);
    return new VampPrior(encoder, components, new NormalInitializer(INIT_SIGMA));
  }

  /**
   * A VampPrior whose pseudo-inputs start at given images (for example \(K\) training images), a
   * common way to make the components distinct from the first step.
   *
   * @param encoder the VAE's encoder
   * @param images initial pseudo-inputs in [0, 1], shape {@code [K, ...inputShape]} or {@code [K,
   *     D]}; values are clipped to [{@link #CLIP}, 1 - {@link #CLIP}] before the logit
   * @throws IllegalArgumentException if the shape does not hold the encoder's input shape
   */
  public static VampPrior fromImages(GaussianEncoder encoder, NDArray images) {
    long perImage = encoder == null ? 0 : encoder.inputShape().size();
    if (encoder == null
        || images.getShape().dimension() < 2
        || images.getShape().size() != images.getShape().get(0) * perImage) {
      throw new IllegalArgumentException(
          "images shape "
              + images.getShape()
              + " must be [K, "
              + (encoder == null ? "?" : encoder.inputShape().toString().replaceAll("[()]", ""))
              + "] (one encoder input per pseudo-input)");
    }
    int k = Math.toIntExact(images.getShape().get(0));
    check(encoder, k);
    float[] u = images.toType(DataType.FLOAT32, false).toFloatArray();
    float[] w = new float[u.length];
    for (int i = 0; i < u.length; i++) {
      float p = Math.min(1 - CLIP, Math.max(CLIP, u[i]));
      w[i] = (float) Math.log(p / (1 - p));
    }
    Initializer init =
        (manager, shape, dataType) -> manager.create(w, shape).toType(dataType, false);
    return new VampPrior(encoder, k, init);
  }

  private static void check(GaussianEncoder encoder, int components) {
    if (encoder == null) {
      throw new IllegalArgumentException("encoder must not be null: pass the VAE's encoder");
    }
    if (components <= 0) {
      throw new IllegalArgumentException("components must be > 0, but was " + components);
    }
  }

  @Override
  public int latentDim() {
    return encoder.latentDim();
  }

  /** \(K\). */
  public int components() {
    return components;
  }

  /**
   * The pseudo-inputs \( u = \operatorname{sigmoid}(w) \) without gradients, shape {@code [K,
   * ...inputShape]}, owned by {@code owner} (show them with {@code ImageGrid}).
   */
  public NDArray pseudoInputs(NDManager owner) {
    return Scopes.keep(owner, () -> Activation.sigmoid(array()).stopGradient());
  }

  /** The encoder's posteriors at the pseudo-inputs, each array {@code [K, P]}. */
  public DiagonalGaussian components(NDManager owner) {
    var q =
        Scopes.keepAll(
            owner,
            () -> {
              DiagonalGaussian g = componentsUnscoped();
              return new NDList(g.mu(), g.logVar());
            });
    return new DiagonalGaussian(q.get(0), q.get(1));
  }

  private DiagonalGaussian componentsUnscoped() {
    NDArray w = array();
    NDArray u = Activation.sigmoid(w);
    return encoder.encode(new ParameterStore(w.getManager(), false), u, false);
  }

  private NDArray array() {
    if (!raw.isInitialized()) {
      throw new IllegalStateException(
          "the VampPrior is not initialized: build the Vae (or call initialize) first");
    }
    return raw.getArray();
  }

  @Override
  public NDArray logProb(NDArray z) {
    Prior.checkCodes(z, latentDim());
    return Scopes.keep(
        z.getManager(),
        () -> {
          DiagonalGaussian q = componentsUnscoped();
          // Equal weights: log-softmax of zeros is -log K for every component.
          NDArray logits = q.mu().getManager().zeros(new Shape(components), z.getDataType());
          return LogDensities.mixtureOfGaussians(z, logits, q.mu(), q.logVar());
        });
  }

  /** Ancestral sampling: \(k\) uniform on \(1..K\), then \( z = \mu_k + \sigma_k \varepsilon \). */
  @Override
  public NDArray sample(NDManager manager, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, but was " + n);
    }
    try (NDManager tmp = manager.newSubManager()) {
      DiagonalGaussian q = components(tmp);
      NDArray mu = q.mu().stopGradient();
      NDArray sd = q.logVar().stopGradient().mul(0.5).exp();
      NDArray k =
          tmp.randomUniform(0f, components, new Shape(n))
              .floor()
              .clip(0, components - 1)
              .toType(DataType.INT64, false);
      NDArray oneHot = k.oneHot(components).toType(mu.getDataType(), false);
      NDArray eps = tmp.randomNormal(0f, 1f, new Shape(n, latentDim()), mu.getDataType());
      NDArray z = eps.mul(oneHot.matMul(sd)).add(oneHot.matMul(mu));
      z.attach(manager);
      return z;
    }
  }
}
