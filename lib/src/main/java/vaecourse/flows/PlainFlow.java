package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import vaecourse.mcmc.LogDensity;

/**
 * A float64 twin of a flow on \(\mathbb R^2\) built from the library's layers ({@link PlanarFlow},
 * {@link AdditiveCoupling}, {@link AffineCoupling}, {@link Scaling}, in a {@link FlowSequence}),
 * with a hand-written backward pass: the fast path of {@link StochasticVi} when the target is a
 * plain Java function. On two coordinates a tensor engine spends its time in per-operation calls,
 * not arithmetic (a step of RealNVP is some 350 native calls on arrays of 100 x 32), so plain loops
 * are much faster here. The twin copies the DJL flow's parameters, trains them, and writes them
 * back; VariationalFamiliesTest checks its values, log-determinants and gradients against the DJL
 * flow and autograd.
 */
public final class PlainFlow {

  private final Flow flow;
  private final List<Layer> layers = new ArrayList<>();
  private final List<double[]> params = new ArrayList<>();
  private final List<double[]> grads = new ArrayList<>();
  private final List<Parameter> sources = new ArrayList<>();

  private PlainFlow(Flow flow) {
    this.flow = flow;
    addLayers(flow);
    for (Layer l : layers) {
      l.collect(params, grads, sources);
    }
  }

  /**
   * A twin of an initialized flow on two coordinates.
   *
   * @throws IllegalArgumentException if the flow is not on \(\mathbb R^2\) or holds another kind of
   *     layer
   */
  public static PlainFlow of(Flow flow) {
    if (flow.dim() != 2) {
      throw new IllegalArgumentException(
          "PlainFlow works on 2 coordinates, but dim is " + flow.dim());
    }
    return new PlainFlow(flow);
  }

  private void addLayers(Flow f) {
    if (f instanceof FlowSequence seq) {
      for (Flow inner : seq.layers()) {
        addLayers(inner);
      }
    } else if (f instanceof PlanarFlow p) {
      layers.add(new Planar(p));
    } else if (f instanceof AffineCoupling a) {
      layers.add(new Affine(a));
    } else if (f instanceof AdditiveCoupling a) {
      layers.add(new Additive(a));
    } else if (f instanceof Scaling s) {
      layers.add(new Scale(s));
    } else {
      throw new IllegalArgumentException(
          "PlainFlow has no twin of " + f.getClass().getSimpleName());
    }
  }

  static double[] doubles(NDArray a) {
    return a.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  /**
   * Pushes points through the flow in place and returns the summed log-determinants.
   *
   * @param x points {@code x[s * 2 + d]}, overwritten with \(f(x)\)
   * @return \(\log|\det J_f|\) per point
   */
  public double[] forward(double[] x) {
    int s = x.length / 2;
    double[] logDet = new double[s];
    for (Layer l : layers) {
      l.forward(x, logDet, s);
    }
    return logDet;
  }

  /**
   * One Monte Carlo ELBO and its gradient with respect to every parameter (accumulated into the
   * gradient arrays): \(\hat{\mathcal L} = \frac1S\sum_s [\log p(y, f(\varepsilon_s)) - \log
   * \mathcal N(\varepsilon_s) + \log|\det J_f(\varepsilon_s)|]\).
   *
   * @param eps base draws {@code eps[s * 2 + d]} (not modified)
   */
  public double elboAndGradient(double[] eps, LogDensity target) {
    int s = eps.length / 2;
    double[] x = eps.clone();
    double[] logDet = forward(x);
    double[] gx = new double[x.length];
    double[] point = new double[2];
    double[] grad = new double[2];
    double sum = 0;
    for (int r = 0; r < s; r++) {
      point[0] = x[2 * r];
      point[1] = x[2 * r + 1];
      double lp = target.logDensityAndGradient(point, grad);
      double e0 = eps[2 * r];
      double e1 = eps[2 * r + 1];
      sum += lp + 0.5 * (e0 * e0 + e1 * e1) + Math.log(2 * Math.PI) + logDet[r];
      gx[2 * r] = grad[0] / s;
      gx[2 * r + 1] = grad[1] / s;
    }
    double gLogDet = 1.0 / s;
    for (int l = layers.size() - 1; l >= 0; l--) {
      gx = layers.get(l).backward(gx, gLogDet, s);
    }
    return sum / s;
  }

  /**
   * Stochastic VI with Adam (PyTorch's update with L2 weight decay added to the gradient, \(\beta =
   * (0.9, 0.999)\), \(\epsilon = 10^{-8}\)) at a fixed learning rate, then writes the parameters
   * back into the DJL flow.
   *
   * @return the ELBO estimate of every step
   */
  public double[] train(
      LogDensity target,
      int samples,
      int iterations,
      double lr,
      double weightDecay,
      Random rng,
      PrintStream progress,
      String label) {
    return train(target, samples, iterations, lr, lr, weightDecay, rng, progress, label);
  }

  /**
   * As {@link #train(LogDensity, int, int, double, double, Random, PrintStream, String)}, with the
   * learning rate annealed from {@code lr} to {@code finalLr} along a half cosine ({@link
   * StochasticVi#cosineRate}); {@code finalLr == lr} keeps it fixed.
   *
   * @return the ELBO estimate of every step
   */
  public double[] train(
      LogDensity target,
      int samples,
      int iterations,
      double lr,
      double finalLr,
      double weightDecay,
      Random rng,
      PrintStream progress,
      String label) {
    double[][] m = new double[params.size()][];
    double[][] v = new double[params.size()][];
    for (int k = 0; k < params.size(); k++) {
      m[k] = new double[params.get(k).length];
      v[k] = new double[params.get(k).length];
    }
    double b1 = 0.9;
    double b2 = 0.999;
    double[] curve = new double[iterations];
    double[] eps = new double[2 * samples];
    long start = System.nanoTime();
    long lastDraw = 0;
    for (int it = 0; it < iterations; it++) {
      for (int k = 0; k < eps.length; k++) {
        eps[k] = rng.nextGaussian();
      }
      for (double[] g : grads) {
        java.util.Arrays.fill(g, 0);
      }
      curve[it] = elboAndGradient(eps, target);
      if (!Double.isFinite(curve[it])) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "%sthe ELBO is %s at iteration %d; lower the learning rate or check the target",
                label.isEmpty() ? "" : label + ": ",
                curve[it],
                it));
      }
      double rate = StochasticVi.cosineRate(lr, finalLr, it, iterations);
      double c1 = 1 - Math.pow(b1, it + 1);
      double c2 = 1 - Math.pow(b2, it + 1);
      for (int k = 0; k < params.size(); k++) {
        double[] p = params.get(k);
        double[] g = grads.get(k);
        double[] mk = m[k];
        double[] vk = v[k];
        for (int j = 0; j < p.length; j++) {
          // Ascent on the ELBO = descent on its negative.
          double gj = -g[j] + weightDecay * p[j];
          mk[j] = b1 * mk[j] + (1 - b1) * gj;
          vk[j] = b2 * vk[j] + (1 - b2) * gj * gj;
          p[j] -= rate * (mk[j] / c1) / (Math.sqrt(vk[j] / c2) + 1e-8);
        }
      }
      long now = System.nanoTime();
      if (progress != null && (now - lastDraw > 2_000_000_000L || it == iterations - 1)) {
        lastDraw = now;
        StochasticVi.drawProgress(progress, label, it + 1, iterations, curve, (now - start) / 1e9);
      }
    }
    writeBack();
    return curve;
  }

  /** Copies the twin's parameters into the DJL flow it was made from. */
  public void writeBack() {
    for (int k = 0; k < params.size(); k++) {
      NDArray target = sources.get(k).getArray();
      double[] p = params.get(k);
      // An in-place copy: with autograd off for the copy, and without NDArray.set, whose native
      // path prints a deprecation warning on stderr.
      boolean tracked = target.hasGradient();
      if (tracked) {
        target.setRequiresGradient(false);
      }
      try (NDArray fresh = target.getManager().create(p, target.getShape());
          NDArray cast = fresh.toType(target.getDataType(), false)) {
        target.muli(0).addi(cast);
      }
      if (tracked) {
        target.setRequiresGradient(true);
      }
    }
  }

  /** The gradient arrays of {@link #elboAndGradient}, in the order of {@link #sources()}. */
  List<double[]> gradients() {
    return grads;
  }

  /** The parameter arrays, in the order of {@link #sources()}. */
  List<double[]> parameters() {
    return params;
  }

  /** The DJL parameters the arrays were copied from. */
  List<Parameter> sources() {
    return sources;
  }

  /** The flow this twin copies. */
  public Flow flow() {
    return flow;
  }

  /** One layer of the twin. */
  private abstract static class Layer {
    abstract void forward(double[] x, double[] logDet, int s);

    /** Returns the gradient of the input; {@code gLogDet} is the same for every point. */
    abstract double[] backward(double[] gy, double gLogDet, int s);

    abstract void collect(List<double[]> p, List<double[]> g, List<Parameter> src);
  }

  private static Parameter param(Flow f, String name) {
    for (Pair<String, Parameter> p : f.getParameters()) {
      if (p.getKey().equals(name)) {
        return p.getValue();
      }
    }
    throw new IllegalArgumentException(f.getClass().getSimpleName() + " has no parameter " + name);
  }

  /** \(f(z) = z + \hat u \tanh(w^\top z + b)\); see {@link PlanarFlow}. */
  private static final class Planar extends Layer {
    final double[] u;
    final double[] w;
    final double[] b;
    final double[] gu = new double[2];
    final double[] gw = new double[2];
    final double[] gb = new double[1];
    final Parameter[] src;
    double[] z;
    double[] h;
    double[] uHat = new double[2];
    double psi;

    Planar(PlanarFlow f) {
      src = new Parameter[] {param(f, "u"), param(f, "w"), param(f, "b")};
      u = doubles(src[0].getArray());
      w = doubles(src[1].getArray());
      b = doubles(src[2].getArray());
    }

    @Override
    void collect(List<double[]> p, List<double[]> g, List<Parameter> s) {
      p.add(u);
      g.add(gu);
      s.add(src[0]);
      p.add(w);
      g.add(gw);
      s.add(src[1]);
      p.add(b);
      g.add(gb);
      s.add(src[2]);
    }

    private static double softplus(double a) {
      return Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
    }

    @Override
    void forward(double[] x, double[] logDet, int s) {
      double wu = w[0] * u[0] + w[1] * u[1];
      double ww = w[0] * w[0] + w[1] * w[1];
      double c = softplus(wu) - 1 - wu;
      uHat[0] = u[0] + c * w[0] / ww;
      uHat[1] = u[1] + c * w[1] / ww;
      psi = softplus(wu) - 1; // w^T u_hat
      z = x.clone();
      h = new double[s];
      for (int r = 0; r < s; r++) {
        double a = w[0] * x[2 * r] + w[1] * x[2 * r + 1] + b[0];
        double t = Math.tanh(a);
        h[r] = t;
        x[2 * r] += uHat[0] * t;
        x[2 * r + 1] += uHat[1] * t;
        logDet[r] += Math.log(Math.abs(1 + (1 - t * t) * psi));
      }
    }

    @Override
    double[] backward(double[] gy, double gLogDet, int s) {
      double[] gx = new double[gy.length];
      double gHat0 = 0;
      double gHat1 = 0;
      double gPsi = 0;
      for (int r = 0; r < s; r++) {
        double t = h[r];
        double d = 1 - t * t;
        double det = 1 + d * psi;
        double g0 = gy[2 * r];
        double g1 = gy[2 * r + 1];
        // d/dh of y (through u_hat h) and of log|det| (through 1 - h^2).
        double gh = g0 * uHat[0] + g1 * uHat[1] + gLogDet * (-2 * t * psi) / det;
        double ga = gh * d;
        gx[2 * r] = g0 + ga * w[0];
        gx[2 * r + 1] = g1 + ga * w[1];
        gb[0] += ga;
        gw[0] += ga * z[2 * r];
        gw[1] += ga * z[2 * r + 1];
        gHat0 += g0 * t;
        gHat1 += g1 * t;
        gPsi += gLogDet * d / det;
      }
      // u_hat = u + c w / |w|^2 and psi = softplus(w^T u) - 1, c = psi - w^T u.
      double wu = w[0] * u[0] + w[1] * u[1];
      double ww = w[0] * w[0] + w[1] * w[1];
      double sig = 1 / (1 + Math.exp(-wu));
      double c = softplus(wu) - 1 - wu;
      double gw_dot = gHat0 * w[0] + gHat1 * w[1];
      double dc = sig - 1;
      double[] gHat = {gHat0, gHat1};
      for (int j = 0; j < 2; j++) {
        gu[j] += gHat[j] + (gw_dot / ww) * dc * w[j] + gPsi * sig * w[j];
        gw[j] +=
            (gw_dot / ww) * dc * u[j]
                + c * gHat[j] / ww
                - 2 * c * gw_dot * w[j] / (ww * ww)
                + gPsi * sig * u[j];
      }
      return gx;
    }
  }

  /** Coupling layers: coordinate {@code kept} passes and conditions the other, {@code free}. */
  private abstract static class CouplingTwin extends Layer {
    final PlainNet net;
    final int kept;
    final int free;
    double[] in;

    CouplingTwin(Coupling c, boolean relu) {
      net = new PlainNet(c.net, relu);
      double[] mask = doubles(c.mask(c.net.getParameters().get(0).getValue().getArray()));
      kept = mask[0] == 1 ? 0 : 1;
      free = 1 - kept;
    }

    @Override
    void collect(List<double[]> p, List<double[]> g, List<Parameter> s) {
      net.collect(p, g);
      s.addAll(net.source());
    }

    /** The network's input, {@code b * x}: the kept coordinate and a zero. */
    double[] maskedInput(double[] x, int s) {
      double[] out = new double[2 * s];
      for (int r = 0; r < s; r++) {
        out[2 * r + kept] = x[2 * r + kept];
      }
      return out;
    }

    /** Adds the network-input gradient's kept coordinate to {@code gx}. */
    void addInputGradient(double[] gx, double[] gIn, int s) {
      for (int r = 0; r < s; r++) {
        gx[2 * r + kept] += gIn[2 * r + kept];
      }
    }
  }

  /** NICE: \(y_f = x_f + t_f(b \odot x)\); see {@link AdditiveCoupling}. */
  private static final class Additive extends CouplingTwin {
    Additive(AdditiveCoupling c) {
      super(c, true);
    }

    @Override
    void forward(double[] x, double[] logDet, int s) {
      double[] out = net.forward(maskedInput(x, s), s);
      for (int r = 0; r < s; r++) {
        x[2 * r + free] += out[2 * r + free];
      }
    }

    @Override
    double[] backward(double[] gy, double gLogDet, int s) {
      double[] gOut = new double[2 * s];
      for (int r = 0; r < s; r++) {
        gOut[2 * r + free] = gy[2 * r + free];
      }
      double[] gx = gy.clone();
      addInputGradient(gx, net.backward(gOut), s);
      return gx;
    }
  }

  /** RealNVP: \(y_f = x_f e^{s_f} + t_f\), \(s = \tanh(\cdot)\); see {@link AffineCoupling}. */
  private static final class Affine extends CouplingTwin {
    double[] x0;
    double[] scale;

    Affine(AffineCoupling c) {
      super(c, false);
    }

    @Override
    void forward(double[] x, double[] logDet, int s) {
      double[] out = net.forward(maskedInput(x, s), s);
      x0 = x.clone();
      scale = new double[s];
      for (int r = 0; r < s; r++) {
        double sc = Math.tanh(out[4 * r + free]);
        double sh = out[4 * r + 2 + free];
        scale[r] = sc;
        x[2 * r + free] = x[2 * r + free] * Math.exp(sc) + sh;
        logDet[r] += sc;
      }
    }

    @Override
    double[] backward(double[] gy, double gLogDet, int s) {
      double[] gOut = new double[4 * s];
      double[] gx = gy.clone();
      for (int r = 0; r < s; r++) {
        double sc = scale[r];
        double e = Math.exp(sc);
        double g = gy[2 * r + free];
        double gs = g * x0[2 * r + free] * e + gLogDet;
        gOut[4 * r + free] = gs * (1 - sc * sc);
        gOut[4 * r + 2 + free] = g;
        gx[2 * r + free] = g * e;
      }
      addInputGradient(gx, net.backward(gOut), s);
      return gx;
    }
  }

  /** \(y = x \odot e^{s}\); see {@link Scaling}. */
  private static final class Scale extends Layer {
    final double[] logScale;
    final double[] g = new double[2];
    final Parameter src;
    double[] x0;

    Scale(Scaling f) {
      src = f.logScaleParameter();
      logScale = doubles(src.getArray());
    }

    @Override
    void collect(List<double[]> p, List<double[]> gs, List<Parameter> s) {
      p.add(logScale);
      gs.add(g);
      s.add(src);
    }

    @Override
    void forward(double[] x, double[] logDet, int s) {
      x0 = x.clone();
      double e0 = Math.exp(logScale[0]);
      double e1 = Math.exp(logScale[1]);
      for (int r = 0; r < s; r++) {
        x[2 * r] *= e0;
        x[2 * r + 1] *= e1;
        logDet[r] += logScale[0] + logScale[1];
      }
    }

    @Override
    double[] backward(double[] gy, double gLogDet, int s) {
      double[] gx = new double[gy.length];
      double e0 = Math.exp(logScale[0]);
      double e1 = Math.exp(logScale[1]);
      for (int r = 0; r < s; r++) {
        gx[2 * r] = gy[2 * r] * e0;
        gx[2 * r + 1] = gy[2 * r + 1] * e1;
        g[0] += gy[2 * r] * x0[2 * r] * e0 + gLogDet;
        g[1] += gy[2 * r + 1] * x0[2 * r + 1] * e1 + gLogDet;
      }
      return gx;
    }
  }
}
