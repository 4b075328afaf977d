package vaecourse.flows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;
import vaecourse.mcmc.LogDensity;

/**
 * Stochastic variational inference with a normalizing flow (Rezende and Mohamed, 2015): the
 * variational family is \( q_\phi = f_{\phi\#}\mathcal N(0, I) \), and each step ascends the Monte
 * Carlo ELBO of {@link #elbo} on \(S\) fresh reparameterized draws with Adam.
 *
 * <pre>{@code
 * var fit = StochasticVi.builder(flow, banana::logJoint).optIterations(10_000).build();
 * double[] curve = fit.train(manager);     // the ELBO estimate of every step
 * }</pre>
 *
 * <p>Memory: each step runs in its own {@link NDScope}, so nothing but the parameters and Adam's
 * moments outlives it.
 */
public final class StochasticVi {

  private final Flow flow;
  private final Function<NDArray, NDArray> logJoint;
  private final int samples;
  private final int iterations;
  private final float learningRate;
  private final float finalLearningRate;
  private final float weightDecay;
  private final PrintStream progress;
  private final String name;
  private final LogDensity plainTarget;
  private final long plainSeed;

  private StochasticVi(Builder b) {
    this.plainTarget = b.plainTarget;
    this.plainSeed = b.plainSeed;
    this.flow = b.flow;
    this.logJoint = b.logJoint;
    this.samples = b.samples;
    this.iterations = b.iterations;
    this.learningRate = b.learningRate;
    this.finalLearningRate =
        Float.isNaN(b.finalLearningRate) ? b.learningRate : b.finalLearningRate;
    this.weightDecay = b.weightDecay;
    this.progress = b.progress;
    this.name = b.name;
  }

  /**
   * A builder for fitting {@code flow} (already initialized) to the unnormalized posterior {@code
   * logJoint}: \(\log p(y, \theta)\), {@code [S, D] -> [S]}, written with tensor ops.
   */
  public static Builder builder(Flow flow, Function<NDArray, NDArray> logJoint) {
    if (flow == null || logJoint == null) {
      throw new IllegalArgumentException("flow and logJoint must not be null");
    }
    return new Builder(flow, logJoint);
  }

  /** The flow being fitted. */
  public Flow flow() {
    return flow;
  }

  /**
   * The Monte Carlo ELBO of seed 003, eq. (31): \[ \hat{\mathcal L} = \frac1S \sum_{s=1}^S \Big[
   * \log p(y, \theta^{(s)}) - \log \mathcal N(\varepsilon^{(s)}; 0, I) + \log|\det J_f
   * (\varepsilon^{(s)})| \Big], \quad \theta^{(s)} = f(\varepsilon^{(s)}). \]
   *
   * @param eps the base draws, {@code [S, D]}
   * @param pushed {@code f(eps)} and its log-determinants, {@code [S, D]} and {@code [S]}
   * @param logJoint \(\log p(y, \theta)\), {@code [S, D] -> [S]}
   * @return the scalar estimate
   */
  public static NDArray elbo(NDArray eps, FlowStep pushed, Function<NDArray, NDArray> logJoint) {
    NDArray logBase = LogDensities.standardNormal(eps, Reduction.SUM);
    return logJoint.apply(pushed.value()).sub(logBase).add(pushed.logDet()).mean();
  }

  /**
   * Runs the iterations and returns the ELBO estimate of each step: with tensor ops and autograd,
   * or on the plain-Java fast path when {@link Builder#optPlainJava} was given.
   *
   * @param manager owns the noise of each step (a sub-manager, closed every step)
   * @throws IllegalStateException if the ELBO becomes NaN or infinite
   */
  public double[] train(NDManager manager) {
    if (plainTarget != null) {
      return PlainFlow.of(flow)
          .train(
              plainTarget,
              samples,
              iterations,
              learningRate,
              finalLearningRate,
              weightDecay,
              new java.util.Random(plainSeed),
              progress,
              name);
    }
    List<Parameter> params = new ArrayList<>();
    for (Pair<String, Parameter> p : flow.getParameters()) {
      params.add(p.getValue());
      p.getValue().getArray().setRequiresGradient(true);
    }
    DataType type = params.get(0).getArray().getDataType();
    Optimizer adam =
        Optimizer.adam()
            .optLearningRateTracker(
                (Tracker)
                    numUpdate ->
                        (float)
                            cosineRate(
                                learningRate,
                                finalLearningRate,
                                Math.min(numUpdate - 1, iterations - 1),
                                iterations))
            .optWeightDecays(weightDecay)
            .build();
    double[] curve = new double[iterations];
    long start = System.nanoTime();
    long lastDraw = 0;
    for (int it = 0; it < iterations; it++) {
      try (NDManager step = manager.newSubManager();
          NDScope scope = new NDScope();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray eps = step.randomNormal(0f, 1f, new Shape(samples, flow.dim()), type);
        FlowStep pushed = flow.forward(new ParameterStore(step, false), eps, true);
        NDArray value = elbo(eps, pushed, logJoint);
        curve[it] = value.toType(DataType.FLOAT64, false).getDouble();
        if (!Double.isFinite(curve[it])) {
          throw new IllegalStateException(
              String.format(
                  Locale.ROOT,
                  "%sthe ELBO is %s at iteration %d; lower the learning rate or check logJoint",
                  name.isEmpty() ? "" : name + ": ",
                  curve[it],
                  it));
        }
        gc.backward(value.neg());
      }
      for (Parameter p : params) {
        NDArray w = p.getArray();
        try (NDArray g = w.getGradient()) {
          adam.update(p.getId(), w, g);
          g.muli(0);
        }
      }
      long now = System.nanoTime();
      if (progress != null && (now - lastDraw > 2_000_000_000L || it == iterations - 1)) {
        lastDraw = now;
        drawProgress(progress, name, it + 1, iterations, curve, (now - start) / 1e9);
      }
    }
    return curve;
  }

  /**
   * The learning rate of step {@code it} (from 0) of {@code iterations} under cosine annealing
   * (Loshchilov and Hutter, 2017, without restarts; PyTorch's {@code CosineAnnealingLR}): \( \eta_t
   * = \eta_{\text{end}} + \tfrac12(\eta_0 - \eta_{\text{end}})(1 + \cos(\pi t / T)) \), from
   * \(\eta_0\) at the first step to \(\eta_{\text{end}}\) at \(t = T\).
   */
  public static double cosineRate(double lr, double finalLr, int it, int iterations) {
    if (finalLr == lr) {
      return lr;
    }
    return finalLr + 0.5 * (lr - finalLr) * (1 + Math.cos(Math.PI * it / iterations));
  }

  /** Redraws a one-line progress bar in place (carriage return); a newline when done. */
  static void drawProgress(
      PrintStream progress, String name, int done, int iterations, double[] curve, double seconds) {
    int width = 20;
    int filled = (int) ((long) width * done / iterations);
    StringBuilder bar = new StringBuilder();
    for (int i = 0; i < width; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    double recent = 0;
    int from = Math.max(0, done - 100);
    for (int i = from; i < done; i++) {
      recent += curve[i];
    }
    recent /= done - from;
    String line =
        String.format(
            Locale.ROOT,
            "\r%s[%s] %d/%d ELBO %.3f (last 100) %.0f it/s",
            name.isEmpty() ? "" : name + " ",
            bar,
            done,
            iterations,
            recent,
            done / Math.max(seconds, 1e-9));
    progress.print(line);
    if (done == iterations) {
      progress.println();
    }
    progress.flush();
  }

  /**
   * A precise ELBO estimate of the current flow: {@code batches} batches of {@code perBatch} draws,
   * no gradients, the log joint evaluated in float64.
   *
   * @return {mean, standard error of the mean}
   */
  public double[] estimateElbo(NDManager manager, int batches, int perBatch) {
    double[] values = new double[batches * perBatch];
    int k = 0;
    for (int b = 0; b < batches; b++) {
      try (NDManager step = manager.newSubManager();
          NDScope scope = new NDScope()) {
        DataType type = flow.getParameters().get(0).getValue().getArray().getDataType();
        NDArray eps = step.randomNormal(0f, 1f, new Shape(perBatch, flow.dim()), type);
        FlowStep pushed = flow.forward(new ParameterStore(step, false), eps, false);
        NDArray z = pushed.value().toType(DataType.FLOAT64, false);
        NDArray e64 = eps.toType(DataType.FLOAT64, false);
        NDArray terms =
            logJoint
                .apply(z)
                .sub(LogDensities.standardNormal(e64, Reduction.SUM))
                .add(pushed.logDet().toType(DataType.FLOAT64, false));
        for (double v : terms.toDoubleArray()) {
          values[k++] = v;
        }
      }
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    var /= values.length - 1;
    return new double[] {mean, Math.sqrt(var / values.length)};
  }

  /** {@code n} draws of the fitted \(q\), {@code [n][D]}. */
  public double[][] sample(NDManager manager, int n) {
    try (NDManager step = manager.newSubManager()) {
      DataType type = flow.getParameters().get(0).getValue().getArray().getDataType();
      NDArray eps = step.randomNormal(0f, 1f, new Shape(n, flow.dim()), type);
      FlowStep pushed = flow.forward(new ParameterStore(step, false), eps, false);
      double[] flat = pushed.value().toType(DataType.FLOAT64, false).toDoubleArray();
      int d = flow.dim();
      double[][] out = new double[n][d];
      for (int i = 0; i < n; i++) {
        System.arraycopy(flat, i * d, out[i], 0, d);
      }
      return out;
    }
  }

  /** Builder of {@link StochasticVi}: seed 003's settings by default. */
  public static final class Builder {
    private final Flow flow;
    private final Function<NDArray, NDArray> logJoint;
    private int samples = 100;
    private int iterations = 10_000;
    private float learningRate = 1e-3f;
    private float finalLearningRate = Float.NaN;
    private float weightDecay = 1e-5f;
    private PrintStream progress;
    private String name = "";
    private LogDensity plainTarget;
    private long plainSeed;

    private Builder(Flow flow, Function<NDArray, NDArray> logJoint) {
      this.flow = flow;
      this.logJoint = logJoint;
    }

    /** \(S\), draws per step (default 100). */
    public Builder optSamples(int s) {
      this.samples = s;
      return this;
    }

    /** Steps (default 10,000). */
    public Builder optIterations(int n) {
      this.iterations = n;
      return this;
    }

    /** Adam's learning rate (default 1e-3). */
    public Builder optLearningRate(double lr) {
      this.learningRate = (float) lr;
      return this;
    }

    /**
     * Anneals the learning rate from {@link #optLearningRate} to {@code lr} along a half cosine
     * over the iterations ({@link #cosineRate}); by default it stays fixed.
     */
    public Builder optFinalLearningRate(double lr) {
      this.finalLearningRate = (float) lr;
      return this;
    }

    /** Adam's L2 weight decay, added to the gradient as in PyTorch's Adam (default 1e-5). */
    public Builder optWeightDecay(double wd) {
      this.weightDecay = (float) wd;
      return this;
    }

    /**
     * Trains on the fast path: {@link PlainFlow}, a float64 twin of the flow in plain Java, with
     * the same target written as a plain function with its gradient (flows on 2 coordinates only);
     * the base draws come from {@code new Random(seed)}. The trained parameters are written back
     * into the flow.
     */
    public Builder optPlainJava(LogDensity target, long seed) {
      this.plainTarget = target;
      this.plainSeed = seed;
      return this;
    }

    /** Prints a progress bar to {@code out}, labelled with {@code label} (default: none). */
    public Builder optProgress(PrintStream out, String label) {
      this.progress = out;
      this.name = label == null ? "" : label;
      return this;
    }

    /**
     * Builds the fit.
     *
     * @throws IllegalArgumentException if a setting is out of range or the flow is not initialized
     */
    public StochasticVi build() {
      if (samples < 1) {
        throw new IllegalArgumentException("samples must be >= 1, but was " + samples);
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be >= 1, but was " + iterations);
      }
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("learningRate must be > 0, but was " + learningRate);
      }
      if (!Float.isNaN(finalLearningRate) && !(finalLearningRate > 0)) {
        throw new IllegalArgumentException(
            "finalLearningRate must be > 0, but was " + finalLearningRate);
      }
      if (!(weightDecay >= 0)) {
        throw new IllegalArgumentException("weightDecay must be >= 0, but was " + weightDecay);
      }
      if (flow.getParameters().isEmpty()
          || !flow.getParameters().get(0).getValue().isInitialized()) {
        throw new IllegalArgumentException(
            "initialize the flow first: flow.initialize(manager, DataType.FLOAT32)");
      }
      return new StochasticVi(this);
    }
  }
}
