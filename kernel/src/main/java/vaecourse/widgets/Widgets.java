package vaecourse.widgets;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Widgets for notebook code, in IJava's style of static functions: {@code import static
 * vaecourse.widgets.Widgets.*;} then
 *
 * <pre>{@code
 * var n = intSlider("samples", 1, 1000, 100);
 * var s = logSlider("sigma", 0.01, 10, 1.0);
 * interact(n, s, (samples, sigma) -> figureFor(samples, sigma));
 * }</pre>
 *
 * <p>Values reach Java as Java types ({@code int}, {@code double}, {@code boolean}, {@code String},
 * a dropdown's option). In Jupyter the controls are live; a saved notebook, its HTML and its PDF
 * show the output of the default settings with a line saying the cell is interactive in Jupyter.
 */
public final class Widgets {
  private Widgets() {}

  private static WidgetManager m() {
    return WidgetManager.get();
  }

  /** A slider over the integers from {@code min} to {@code max}. */
  public static IntSlider intSlider(String description, int min, int max, int value) {
    return new IntSlider(m(), description, min, max, 1, value);
  }

  /** A slider over {@code min, min + step, ..., max}. */
  public static IntSlider intSlider(String description, int min, int max, int step, int value) {
    return new IntSlider(m(), description, min, max, step, value);
  }

  /** A slider over real numbers in steps of {@code step}. */
  public static FloatSlider floatSlider(
      String description, double min, double max, double step, double value) {
    return new FloatSlider(m(), description, min, max, step, value);
  }

  /** A slider over a logarithmic grid, ten values per factor of ten. */
  public static LogSlider logSlider(String description, double min, double max, double value) {
    return new LogSlider(m(), description, min, max, 10, value);
  }

  /** A slider over a logarithmic grid with {@code stepsPerDecade} values per factor of ten. */
  public static LogSlider logSlider(
      String description, double min, double max, int stepsPerDecade, double value) {
    return new LogSlider(m(), description, min, max, stepsPerDecade, value);
  }

  /** A choice among {@code options}, shown by their {@code toString()}. */
  public static <T> Dropdown<T> dropdown(String description, List<T> options, T value) {
    return new Dropdown<>(m(), description, options, value);
  }

  /** A yes/no choice. */
  public static Checkbox checkbox(String description, boolean value) {
    return new Checkbox(m(), description, value);
  }

  /** A button; add what it does with {@link Button#onClick}. */
  public static Button button(String description) {
    return new Button(m(), description);
  }

  /** A one-line text field. */
  public static Text text(String description, String value) {
    return new Text(m(), description, value);
  }

  /** An output area. */
  public static Output output() {
    return new Output(m());
  }

  /** Widgets side by side. */
  public static Box hbox(Widget... children) {
    return new Box(m(), true, Arrays.asList(children));
  }

  /** Widgets one above the other. */
  public static Box vbox(Widget... children) {
    return new Box(m(), false, Arrays.asList(children));
  }

  /**
   * Shows the controls and an output area below the cell, runs {@code function} now and again
   * whenever a control changes, and shows its value in the area.
   */
  public static void interact(Supplier<?> function, Control<?>... controls) {
    new Interact(m(), function, Arrays.asList(controls)).show();
  }

  /** {@link #interact(Supplier, Control...)} with the control's value as the argument. */
  public static <A> void interact(Control<A> a, Function<? super A, ?> function) {
    interact(() -> function.apply(a.value()), a);
  }

  /** {@link #interact(Supplier, Control...)} with the controls' values as the arguments. */
  public static <A, B> void interact(
      Control<A> a, Control<B> b, BiFunction<? super A, ? super B, ?> function) {
    interact(() -> function.apply(a.value(), b.value()), a, b);
  }

  /** A function of three arguments, for {@link #interact(Control, Control, Control, Function3)}. */
  @FunctionalInterface
  public interface Function3<A, B, C, R> {
    R apply(A a, B b, C c);
  }

  /** {@link #interact(Supplier, Control...)} with the controls' values as the arguments. */
  public static <A, B, C> void interact(
      Control<A> a, Control<B> b, Control<C> c, Function3<? super A, ? super B, ? super C, ?> fn) {
    interact(() -> fn.apply(a.value(), b.value(), c.value()), a, b, c);
  }
}
