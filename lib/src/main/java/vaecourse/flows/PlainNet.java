package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A float64 copy of an {@link vaecourse.nn.Mlp} on plain arrays with its own backward pass: the
 * network of a coupling layer inside {@link PlainFlow}. Layer {@code l} computes \( h_{l+1} = a(W_l
 * h_l + b_l) \), no activation after the last.
 */
final class PlainNet {

  final int[] sizes;
  final double[][] w;
  final double[][] b;
  final double[][] gw;
  final double[][] gb;
  private final boolean relu;
  private final List<Parameter> source = new ArrayList<>();
  // Per layer, the input of that layer for the last batch (post-activation of the previous one).
  private double[][] inputs;
  private int batch;

  PlainNet(Block mlp, boolean relu) {
    this.relu = relu;
    List<double[]> ws = new ArrayList<>();
    List<double[]> bs = new ArrayList<>();
    List<Integer> dims = new ArrayList<>();
    for (Pair<String, Block> child : mlp.getChildren()) {
      Parameter weight = null;
      Parameter bias = null;
      for (Pair<String, Parameter> p : child.getValue().getParameters()) {
        if (p.getKey().equals("weight")) {
          weight = p.getValue();
        } else if (p.getKey().equals("bias")) {
          bias = p.getValue();
        }
      }
      NDArray wa = weight.getArray();
      if (dims.isEmpty()) {
        dims.add((int) wa.getShape().get(1));
      }
      dims.add((int) wa.getShape().get(0));
      ws.add(PlainFlow.doubles(wa));
      bs.add(PlainFlow.doubles(bias.getArray()));
      source.add(weight);
      source.add(bias);
    }
    sizes = dims.stream().mapToInt(Integer::intValue).toArray();
    w = ws.toArray(new double[0][]);
    b = bs.toArray(new double[0][]);
    gw = new double[w.length][];
    gb = new double[b.length][];
    for (int l = 0; l < w.length; l++) {
      gw[l] = new double[w[l].length];
      gb[l] = new double[b[l].length];
    }
  }

  /** The DJL parameters these arrays came from, weight then bias per layer. */
  List<Parameter> source() {
    return source;
  }

  /** All parameter arrays and their gradients, in the order of {@link #source()}. */
  void collect(List<double[]> params, List<double[]> grads) {
    for (int l = 0; l < w.length; l++) {
      params.add(w[l]);
      grads.add(gw[l]);
      params.add(b[l]);
      grads.add(gb[l]);
    }
  }

  /** Forward pass of a batch {@code in[s * sizes[0] + i]}; keeps what backward needs. */
  double[] forward(double[] in, int s) {
    batch = s;
    inputs = new double[w.length][];
    double[] h = in;
    for (int l = 0; l < w.length; l++) {
      inputs[l] = h;
      int nin = sizes[l];
      int nout = sizes[l + 1];
      double[] out = new double[s * nout];
      double[] wl = w[l];
      double[] bl = b[l];
      boolean last = l == w.length - 1;
      for (int r = 0; r < s; r++) {
        int ri = r * nin;
        int ro = r * nout;
        for (int o = 0; o < nout; o++) {
          double acc = bl[o];
          int wo = o * nin;
          for (int i = 0; i < nin; i++) {
            acc += wl[wo + i] * h[ri + i];
          }
          out[ro + o] = last ? acc : activate(acc);
        }
      }
      h = out;
    }
    return h;
  }

  /** Backward pass: accumulates parameter gradients and returns the gradient of the input. */
  double[] backward(double[] gOut) {
    int s = batch;
    double[] g = gOut;
    for (int l = w.length - 1; l >= 0; l--) {
      int nin = sizes[l];
      int nout = sizes[l + 1];
      double[] in = inputs[l];
      double[] wl = w[l];
      double[] gwl = gw[l];
      double[] gbl = gb[l];
      double[] gin = new double[s * nin];
      for (int r = 0; r < s; r++) {
        int ri = r * nin;
        int ro = r * nout;
        for (int o = 0; o < nout; o++) {
          double go = g[ro + o];
          if (go == 0) {
            continue;
          }
          gbl[o] += go;
          int wo = o * nin;
          for (int i = 0; i < nin; i++) {
            gwl[wo + i] += go * in[ri + i];
            gin[ri + i] += go * wl[wo + i];
          }
        }
      }
      if (l > 0) {
        // in = a(pre) of the previous layer: multiply by a'(pre), written with the output value.
        for (int k = 0; k < gin.length; k++) {
          double v = in[k];
          gin[k] *= relu ? (v > 0 ? 1 : 0) : 1 - v * v;
        }
      }
      g = gin;
    }
    return g;
  }

  private double activate(double x) {
    return relu ? Math.max(0, x) : Math.tanh(x);
  }
}
