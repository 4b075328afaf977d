package vaecourse.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/**
 * Float64 finite-difference gradient checks: autograd gradients of {@code sum(f(args))} against
 * central differences \( (f(x + h e_i) - f(x - h e_i)) / 2h \) for every entry of every argument.
 */
public final class GradientCheck {

  /** Step of the central difference. */
  public static final double STEP = 1e-6;

  /** Allowed absolute-plus-relative error between the two gradients. */
  public static final double TOLERANCE = 1e-6;

  private GradientCheck() {}

  /**
   * Checks all arguments; each is copied to float64 first.
   *
   * @param args the arguments (any float type; copied)
   * @param f the function; its result is summed to a scalar
   */
  public static void check(NDManager manager, NDList args, Function<NDList, NDArray> f) {
    NDList inputs = new NDList();
    for (NDArray a : args) {
      // A fresh copy, so gradients never accumulate on the caller's arrays.
      NDArray d = a.toType(DataType.FLOAT64, false).stopGradient().duplicate();
      d.attach(manager);
      d.setRequiresGradient(true);
      inputs.add(d);
    }
    double[][] analytic = new double[inputs.size()][];
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray y = f.apply(inputs).sum();
      gc.backward(y);
    }
    for (int i = 0; i < inputs.size(); i++) {
      try (NDArray g = inputs.get(i).getGradient()) {
        analytic[i] = g.toDoubleArray();
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      double[] base = inputs.get(i).toDoubleArray();
      for (int j = 0; j < base.length; j++) {
        double numeric = (value(manager, inputs, i, base, j, STEP, f)
            - value(manager, inputs, i, base, j, -STEP, f)) / (2 * STEP);
        double scale = 1 + Math.abs(numeric);
        assertEquals(numeric, analytic[i][j], TOLERANCE * scale,
            "gradient of argument " + i + " entry " + j);
      }
    }
  }

  private static double value(NDManager manager, NDList inputs, int arg, double[] base, int j,
      double h, Function<NDList, NDArray> f) {
    try (NDManager tmp = manager.newSubManager()) {
      NDList shifted = new NDList();
      for (int i = 0; i < inputs.size(); i++) {
        if (i == arg) {
          double[] v = base.clone();
          v[j] += h;
          shifted.add(tmp.create(v, inputs.get(i).getShape()));
        } else {
          NDArray c = inputs.get(i).stopGradient().duplicate();
          c.attach(tmp);
          shifted.add(c);
        }
      }
      return f.apply(shifted).sum().getDouble();
    }
  }
}
