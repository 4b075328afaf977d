package vaecourse.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One axis: a data range mapped onto a pixel range, linear or logarithmic, with nice ticks. */
final class Axis {

  final boolean log;
  final double min;
  final double max;
  final double[] ticks;
  private final double step;

  private Axis(boolean log, double min, double max, double[] ticks, double step) {
    this.log = log;
    this.min = min;
    this.max = max;
    this.ticks = ticks;
    this.step = step;
  }

  /** An axis covering {@code [lo, hi]} with about {@code target} ticks at round numbers. */
  static Axis of(double lo, double hi, boolean log, int target) {
    return of(lo, hi, log, target, false);
  }

  /** As {@link #of(double, double, boolean, int)}; {@code integer} keeps ticks on whole numbers. */
  static Axis of(double lo, double hi, boolean log, int target, boolean integer) {
    if (log) {
      double a = Math.log10(lo);
      double b = Math.log10(hi);
      if (b - a < 1e-12) {
        a -= 0.5;
        b += 0.5;
      }
      if (b - a >= 1) {
        List<Double> t = new ArrayList<>();
        for (double e = Math.floor(a); e <= Math.ceil(b); e++) {
          t.add(e);
        }
        double[] ticks = t.stream().mapToDouble(Double::doubleValue).toArray();
        return new Axis(true, ticks[0], ticks[ticks.length - 1], ticks, 1);
      }
      // Less than one decade: linear ticks on the values, placed on the log scale.
      Axis linear = of(lo, hi, false, target, integer);
      double[] ticks =
          java.util.Arrays.stream(linear.ticks).filter(v -> v > 0).map(Math::log10).toArray();
      double min = Math.min(a, ticks.length > 0 ? ticks[0] : a);
      double max = Math.max(b, ticks.length > 0 ? ticks[ticks.length - 1] : b);
      return new Axis(true, min, max, ticks, linear.step);
    }
    if (!(hi > lo)) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double range = nice(hi - lo, false);
    double step = nice(range / Math.max(1, target - 1), true);
    if (integer && step < 1) {
      step = 1;
    }
    double first = Math.floor(lo / step) * step;
    double last = Math.ceil(hi / step) * step;
    int n = (int) Math.round((last - first) / step) + 1;
    double[] ticks = new double[n];
    for (int i = 0; i < n; i++) {
      ticks[i] = first + i * step;
    }
    return new Axis(false, first, last, ticks, step);
  }

  /**
   * A linear axis that spans exactly {@code [lo, hi]} (for a picture that fills its frame, such as
   * a density grid) with nice ticks inside it; at least the two ends when no nice tick fits.
   */
  static Axis exact(double lo, double hi, int target) {
    double base = of(lo, hi, false, target).step;
    // The step of the rounded-out axis, or a finer nice one, so that three ticks fit inside.
    for (double step : new double[] {base, base / 2, base * 0.4, base / 5, base / 10}) {
      if (!isNice(step)) {
        continue; // 2.5 would get labels rounded to whole numbers
      }
      double first = Math.ceil(lo / step - 1e-9) * step;
      int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
      if (n >= 3 || step == base / 10) {
        double[] ticks = new double[Math.max(n, 0)];
        for (int i = 0; i < ticks.length; i++) {
          ticks[i] = first + i * step;
        }
        return new Axis(false, lo, hi, ticks, step);
      }
    }
    throw new AssertionError("unreachable");
  }

  /** Whether {@code x} is 1, 2 or 5 times a power of ten. */
  private static boolean isNice(double x) {
    double m = x / Math.pow(10, Math.floor(Math.log10(x) + 1e-9));
    return Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
  }

  /** A "nice" number near {@code x}: 1, 2 or 5 (rounded) or 1, 2, 5, 10 (ceiling) times 10^k. */
  static double nice(double x, boolean round) {
    double exp = Math.floor(Math.log10(x));
    double f = x / Math.pow(10, exp);
    double nf;
    if (round) {
      nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    } else {
      nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    }
    return nf * Math.pow(10, exp);
  }

  /** The position of a data value between 0 (min) and 1 (max). */
  double fraction(double value) {
    double v = log ? Math.log10(value) : value;
    return (v - min) / (max - min);
  }

  /** The label of a tick (ticks of a log axis are exponents). */
  String label(double tick) {
    if (log) {
      // Ticks of a log axis are exponents: write each value to its own order of magnitude.
      double value = Math.pow(10, tick);
      return format(value, Math.pow(10, Math.floor(tick + 1e-9)));
    }
    return format(tick, step);
  }

  static String format(double value, double step) {
    double a = Math.abs(value);
    if (value == 0 || Math.abs(value) < step * 1e-9) {
      return "0";
    }
    if (a >= 1e6 || a < 1e-3) {
      // Scientific with at most two significant digits: 1e-4, 2.5e-5, 3e6.
      int exponent = (int) Math.floor(Math.log10(a) + 1e-9);
      double mantissa = Math.round(value / Math.pow(10, exponent) * 10) / 10.0;
      if (Math.abs(mantissa) >= 10) {
        mantissa /= 10;
        exponent++;
      }
      String m = mantissa == Math.rint(mantissa) ? Long.toString((long) mantissa) : "" + mantissa;
      return m + "e" + exponent;
    }
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
  }

  /** A value written for a tooltip or text output: four significant digits. */
  static String value(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    String text = String.format(Locale.ROOT, "%.4g", v);
    // Drop trailing zeros of the mantissa: 0.2500 -> 0.25, 1.500e+05 -> 1.5e+05.
    return text.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
  }
}
