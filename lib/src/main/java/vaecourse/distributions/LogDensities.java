package vaecourse.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import vaecourse.Constants;

/**
 * Element-wise log-densities written with tensor operations, so that automatic differentiation
 * flows through every parameter.
 *
 * <p>Each function returns the log-density of every element and then applies a {@link Reduction}
 * over the last axis. Arguments broadcast against each other with numpy rules. NaN values are not
 * checked here (these run inside every training step); they propagate into the result.
 */
public final class LogDensities {

  /** Probabilities are clamped to {@code [EPS, 1 - EPS]} before a logarithm is taken. */
  public static final double EPS = 1e-5;

  /** \( \log 2\pi \). */
  public static final double LOG_2PI = Math.log(2 * Math.PI);

  private LogDensities() {}

  /**
   * Bernoulli log-probability from probabilities: \( x \log p + (1 - x) \log(1 - p) \), with \(p\)
   * clamped to \([\epsilon, 1 - \epsilon]\), \(\epsilon = 10^{-5}\). Also accepts continuous \(x
   * \in [0, 1]\) (then it is minus the binary cross-entropy).
   *
   * @param x observations, shape {@code [batch, dim]}
   * @param p success probabilities, broadcastable to {@code x}
   * @param reduction what to do with the last axis
   * @return {@code [batch, dim]} or {@code [batch]}
   */
  public static NDArray bernoulli(NDArray x, NDArray p, Reduction reduction) {
    Checks.broadcastable("x", x, "p", p);
    NDArray pp = p.clip(EPS, 1 - EPS);
    NDArray logP = x.mul(pp.log());
    NDArray logQ = x.neg().add(1).mul(pp.neg().add(1).log());
    return reduction.apply(logP.add(logQ));
  }

  /**
   * Bernoulli log-probability from logits \(\ell\) (\(p = \sigma(\ell)\)), stable for any \(\ell\):
   * \( x \ell - \operatorname{softplus}(\ell) \) with \( \operatorname{softplus}(\ell) = \max(\ell,
   * 0) + \log(1 + e^{-|\ell|}) \). Equals minus {@code binary_cross_entropy_with_logits}.
   *
   * @param x observations in {@code [0, 1]}, shape {@code [batch, dim]}
   * @param logits logits, broadcastable to {@code x}
   * @param reduction what to do with the last axis
   * @return {@code [batch, dim]} or {@code [batch]}
   */
  public static NDArray bernoulliLogits(NDArray x, NDArray logits, Reduction reduction) {
    Checks.broadcastable("x", x, "logits", logits);
    return reduction.apply(x.mul(logits).sub(softplus(logits)));
  }

  /**
   * \( \log(1 + e^{\ell}) \) without overflow.
   *
   * @param logits any array
   * @return same shape
   */
  public static NDArray softplus(NDArray logits) {
    if (logits.getDataType() == DataType.FLOAT32) {
      // The engine's one-op softplus returns l itself above l = 20, off by log(1 + e^-l) < 2.1e-9,
      // under float32's resolution there; its gradient is one op too, where the formula below
      // costs six on the way back.
      return logits.getNDArrayInternal().softPlus();
    }
    return Constants.atLeast(logits, 0).add(logits.abs().neg().exp().add(1).log());
  }

  /**
   * Categorical log-probability \( \log p_{x} \) of integer classes \(x\) from probabilities
   * (clamped to \([\epsilon, 1 - \epsilon]\) like the Bernoulli case).
   *
   * @param x class indices in {@code [0, K)}, integer array of shape {@code [batch, dim]}
   * @param probs probabilities, shape {@code [batch, dim, K]}, summing to one over the last axis
   * @param reduction what to do with the {@code dim} axis of the result
   * @return {@code [batch, dim]} or {@code [batch]}
   * @throws IllegalArgumentException if {@code probs} is not {@code x}'s shape plus a class axis
   */
  public static NDArray categorical(NDArray x, NDArray probs, Reduction reduction) {
    checkCategorical(x, probs, "probs");
    return pick(x, probs.clip(EPS, 1 - EPS).log(), reduction);
  }

  /**
   * Categorical log-probability from unnormalized logits, through a stable log-softmax.
   *
   * @param x class indices, integer array of shape {@code [batch, dim]}
   * @param logits shape {@code [batch, dim, K]}
   * @param reduction what to do with the {@code dim} axis of the result
   * @return {@code [batch, dim]} or {@code [batch]}
   */
  public static NDArray categoricalLogits(NDArray x, NDArray logits, Reduction reduction) {
    checkCategorical(x, logits, "logits");
    return pick(x, logits.logSoftmax(-1), reduction);
  }

  private static NDArray pick(NDArray x, NDArray logP, Reduction reduction) {
    int classes = (int) logP.getShape().get(logP.getShape().dimension() - 1);
    NDArray oneHot =
        x.toType(DataType.INT64, false).oneHot(classes).toType(logP.getDataType(), false);
    return reduction.apply(oneHot.mul(logP).sum(new int[] {-1}));
  }

  private static void checkCategorical(NDArray x, NDArray p, String name) {
    if (x.getDataType().isFloating()) {
      throw new IllegalArgumentException(
          "x must hold integer class indices, but has data type " + x.getDataType());
    }
    if (p.getShape().dimension() != x.getShape().dimension() + 1
        || !p.getShape().slice(0, x.getShape().dimension()).equals(x.getShape())) {
      throw new IllegalArgumentException(
          name
              + " shape "
              + p.getShape()
              + " must be x shape "
              + x.getShape()
              + " followed by a class axis");
    }
  }

  /**
   * Diagonal normal log-density \( -\tfrac12\left(\log 2\pi + \log\sigma^2 +
   * (x-\mu)^2/\sigma^2\right) \) per element.
   *
   * @param x points, shape {@code [batch, dim]}
   * @param mu means, broadcastable to {@code x}
   * @param logVar log-variances \(\log\sigma^2\), broadcastable to {@code x}
   * @param reduction what to do with the last axis
   * @return {@code [batch, dim]} or {@code [batch]}
   */
  public static NDArray normalDiag(NDArray x, NDArray mu, NDArray logVar, Reduction reduction) {
    Checks.broadcastable("x", x, "mu", mu);
    Checks.broadcastable("x", x, "logVar", logVar);
    NDArray sq = x.sub(mu).square().mul(logVar.neg().exp());
    return reduction.apply(Constants.times(sq.add(logVar).add(LOG_2PI), -0.5));
  }

  /**
   * Standard normal log-density \( -\tfrac12(\log 2\pi + x^2) \) per element.
   *
   * @param x points, shape {@code [batch, dim]}
   * @param reduction what to do with the last axis
   * @return {@code [batch, dim]} or {@code [batch]}
   */
  public static NDArray standardNormal(NDArray x, Reduction reduction) {
    return reduction.apply(Constants.times(x.square().add(LOG_2PI), -0.5));
  }

  /**
   * Laplace log-density \( -\log 2b - |x - m| / b \) per element, parameterized by location \(m\)
   * and log-scale \(\log b\).
   *
   * @param x points, shape {@code [batch, dim]}
   * @param loc locations, broadcastable to {@code x}
   * @param logScale log-scales, broadcastable to {@code x}
   * @param reduction what to do with the last axis
   * @return {@code [batch, dim]} or {@code [batch]}
   */
  public static NDArray laplace(NDArray x, NDArray loc, NDArray logScale, Reduction reduction) {
    Checks.broadcastable("x", x, "loc", loc);
    Checks.broadcastable("x", x, "logScale", logScale);
    NDArray dist = x.sub(loc).abs().mul(logScale.neg().exp());
    return reduction.apply(dist.add(logScale).add(Math.log(2)).neg());
  }

  /**
   * Log-density of a mixture of diagonal Gaussians over whole vectors, \( \log \sum_k \pi_k
   * \mathcal{N}(x; \mu_k, \operatorname{diag}\sigma_k^2) \), computed with log-sum-exp. There is no
   * reduction argument: the density is already a joint one over the feature axis.
   *
   * @param x points, shape {@code [batch, dim]}
   * @param weightLogits unnormalized log mixture weights, shape {@code [K]} (\(\pi =
   *     \operatorname{softmax}\))
   * @param mu component means, shape {@code [K, dim]}
   * @param logVar component log-variances, shape {@code [K, dim]}
   * @return {@code [batch]}
   * @throws IllegalArgumentException if the shapes disagree
   */
  public static NDArray mixtureOfGaussians(
      NDArray x, NDArray weightLogits, NDArray mu, NDArray logVar) {
    Checks.rank("x", x, 2, "[batch, dim]");
    Checks.rank("weightLogits", weightLogits, 1, "[K]");
    Checks.rank("mu", mu, 2, "[K, dim]");
    Checks.sameShape("logVar", logVar, "mu", mu);
    long k = weightLogits.getShape().get(0);
    if (mu.getShape().get(0) != k || mu.getShape().get(1) != x.getShape().get(1)) {
      throw new IllegalArgumentException(
          "mu shape "
              + mu.getShape()
              + " must be [K, dim] = ["
              + k
              + ", "
              + x.getShape().get(1)
              + "] to match weightLogits and x");
    }
    // [batch, 1, dim] against [K, dim] -> [batch, K]
    NDArray perComponent = normalDiag(x.expandDims(1), mu, logVar, Reduction.SUM);
    return logSumExp(perComponent.add(weightLogits.logSoftmax(0)), 1);
  }

  /**
   * \( \log \sum_i e^{a_i} \) along one axis, shifted by the maximum for stability.
   *
   * @param a values
   * @param axis the axis to reduce
   * @return {@code a}'s shape without {@code axis}
   */
  public static NDArray logSumExp(NDArray a, int axis) {
    NDArray max = a.max(new int[] {axis}, true).stopGradient();
    return a.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
  }
}
