package vaecourse.training;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Adam over every parameter in one native call per step: PyTorch's fused Adam kernel (the one
 * {@code torch.optim.Adam(fused=True)} runs), reached through a small TorchScript module written
 * here, since DJL's API does not expose the operator.
 *
 * <p>The update is DJL's Adam, which the course has always trained with: L2 weight decay \( \lambda
 * \), \( g \leftarrow g + \lambda \theta \), \( m \leftarrow \beta_1 m + (1 - \beta_1) g \), \( v
 * \leftarrow \beta_2 v + (1 - \beta_2) g^2 \), \( \theta \leftarrow \theta - \eta \frac{\sqrt{1 -
 * \beta_2^t}}{1 - \beta_1^t} \frac{m}{\sqrt{v} + \epsilon} \). PyTorch's kernel divides by \(
 * \sqrt{v} / \sqrt{1 - \beta_2^t} + \epsilon' \), which is the same update when \( \epsilon' =
 * \epsilon / \sqrt{1 - \beta_2^t} \), so each step passes that \( \epsilon' \). The gradients are
 * zeroed in the same call. DJL's own Adam makes about twelve passes over each parameter and five
 * temporaries of its size per step; the fused kernel makes one pass. The moments stay with the
 * parameters' manager, so they live as long as the model.
 */
final class FusedAdam {

  /** Adam's \( \beta_1 \), \( \beta_2 \) and \( \epsilon \), PyTorch's and DJL's defaults. */
  static final double BETA1 = 0.9;

  static final double BETA2 = 0.999;
  static final double EPS = 1e-8;

  /**
   * Moments below this magnitude are set to 0 every {@link #FLUSH_EVERY} steps. A weight whose
   * gradient is exactly 0 (one fed by a pixel that is 0 in every image) has moments that shrink by
   * \( \beta_1 \) and \( \beta_2 \) a step, and after some 700 steps they fall below float32's
   * smallest normal number (1.2e-38): arithmetic on such denormal numbers is about a hundred times
   * slower, and the late epochs of a training run slowed down by half. In 50 steps a moment shrinks
   * by at most \( 0.9^{50} \approx 5 \cdot 10^{-3} \), so from 1e-30 it stays normal until the next
   * flush. Such a moment moves its weight by about 1e-22 of the learning rate per step, so setting
   * it to 0 changes nothing the model can show.
   */
  static final double FLUSH_BELOW = 1e-30;

  static final int FLUSH_EVERY = 50;

  // TorchScript's serialized form of a module with one method. The kernel is called with
  // autograd off, as PyTorch's optimizers do, because it changes leaf tensors in place.
  private static final String CODE =
      String.join(
          "\n",
          "class AdamStep(Module):",
          "  __parameters__ = []",
          "  __buffers__ = []",
          "  training : bool",
          "  def forward(self: __torch__.AdamStep,",
          "    params: List[Tensor], grads: List[Tensor], exp_avgs: List[Tensor],",
          "    exp_avg_sqs: List[Tensor], steps: List[Tensor], lr: float,",
          "    weight_decay: float, eps: float, flush: bool) -> int:",
          "    enabled = torch.is_grad_enabled()",
          "    torch.set_grad_enabled(False)",
          "    torch._foreach_add_(steps, 1.)",
          "    torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs,",
          "        annotate(List[Tensor], []), steps, lr=lr, beta1=" + BETA1 + ",",
          "        beta2=" + BETA2 + ", weight_decay=weight_decay, eps=eps,",
          "        amsgrad=False, maximize=False)",
          "    torch._foreach_zero_(grads)",
          "    if flush:",
          "      for m in exp_avgs:",
          "        m.masked_fill_(torch.abs(m) < " + FLUSH_BELOW + ", 0.)",
          "      for v in exp_avg_sqs:",
          "        torch.threshold_(v, " + FLUSH_BELOW + ", 0.)",
          "    torch.set_grad_enabled(enabled)",
          "    return 0",
          "");

  private final PtSymbolBlock module;
  private final PtNDArray[] weights;
  private final PtNDArray[] means;
  private final PtNDArray[] variances;
  private final PtNDArray[] steps;
  private final double weightDecay;
  private int t;

  private FusedAdam(PtSymbolBlock module, List<Parameter> parameters, double weightDecay) {
    this.module = module;
    this.weightDecay = weightDecay;
    int n = parameters.size();
    weights = new PtNDArray[n];
    means = new PtNDArray[n];
    variances = new PtNDArray[n];
    steps = new PtNDArray[n];
    for (int i = 0; i < n; i++) {
      PtNDArray w = (PtNDArray) parameters.get(i).getArray();
      NDManager m = w.getManager();
      weights[i] = w;
      means[i] = (PtNDArray) m.zeros(w.getShape(), w.getDataType(), w.getDevice());
      variances[i] = (PtNDArray) m.zeros(w.getShape(), w.getDataType(), w.getDevice());
      steps[i] = (PtNDArray) m.zeros(new Shape(), w.getDataType(), w.getDevice());
    }
  }

  /**
   * The fused optimizer for these parameters, or null where it cannot run: another engine than
   * PyTorch, or PyTorch natives without the fused kernel (before 2.4).
   *
   * @param parameters the trainable parameters, all with arrays
   * @param weightDecay L2 weight decay \( \lambda \ge 0 \)
   */
  static FusedAdam tryCreate(List<Parameter> parameters, double weightDecay) {
    if (parameters.isEmpty()) {
      return null;
    }
    for (Parameter p : parameters) {
      if (!(p.getArray() instanceof PtNDArray)) {
        return null;
      }
    }
    PtNDManager manager = (PtNDManager) parameters.get(0).getArray().getManager();
    try {
      PtSymbolBlock module =
          JniUtils.loadModule(manager, new ByteArrayInputStream(archive()), false, false);
      return new FusedAdam(module, parameters, weightDecay);
    } catch (EngineException | IOException e) {
      return null;
    }
  }

  /**
   * One Adam step for every parameter from its gradient, then zeroes the gradients.
   *
   * @param learningRate \( \eta > 0 \)
   */
  void step(float learningRate) {
    t++;
    double eps = EPS / Math.sqrt(1 - Math.pow(BETA2, t));
    PtNDArray[] grads = new PtNDArray[weights.length];
    List<IValue> args = new ArrayList<>();
    try {
      for (int i = 0; i < weights.length; i++) {
        grads[i] = (PtNDArray) weights[i].getGradient();
      }
      args.add(IValue.listFrom(weights));
      args.add(IValue.listFrom(grads));
      args.add(IValue.listFrom(means));
      args.add(IValue.listFrom(variances));
      args.add(IValue.listFrom(steps));
      args.add(IValue.from((double) learningRate));
      args.add(IValue.from(weightDecay));
      args.add(IValue.from(eps));
      args.add(IValue.from(t % FLUSH_EVERY == 0));
      module.forward(args.toArray(IValue[]::new)).close();
    } finally {
      args.forEach(IValue::close);
      for (NDArray g : grads) {
        if (g != null) {
          g.close();
        }
      }
    }
  }

  /** The first and second moments of parameter {@code i}, for tests. */
  double[][] moments(int i) {
    try (NDArray m = means[i].toType(DataType.FLOAT64, true);
        NDArray v = variances[i].toType(DataType.FLOAT64, true)) {
      return new double[][] {m.toDoubleArray(), v.toDoubleArray()};
    }
  }

  /** The module as TorchScript's zip archive: the pickled object, its code, its version. */
  static byte[] archive() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      // Pickle protocol 2: an __torch__.AdamStep object whose state is {"training": True}.
      ByteArrayOutputStream pickle = new ByteArrayOutputStream();
      pickle.write(new byte[] {(byte) 0x80, 2});
      pickle.write(ascii("c__torch__\nAdamStep\n"));
      pickle.write(new byte[] {'q', 0, ')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0});
      pickle.write(ascii("training"));
      pickle.write(new byte[] {'q', 1, (byte) 0x88, 'u', 'b', 'q', 2, '.'});
      stored(zip, "adam/data.pkl", pickle.toByteArray());
      stored(zip, "adam/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
      stored(zip, "adam/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      stored(zip, "adam/version", ascii("3\n"));
    }
    return bytes.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
