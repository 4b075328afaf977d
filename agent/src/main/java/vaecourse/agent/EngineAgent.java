package vaecourse.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The Java agent every course JVM starts with ({@code -javaagent:agent/target/vae-agent-*.jar}).
 *
 * <p>DJL's PyTorch engine builds a CPU tensor from Java values with {@code torch::from_blob}: the
 * tensor reads the Java direct buffer in place, and nothing keeps that buffer alive once the {@code
 * NDArray} is closed. {@code x.mul(0.5)} is such a case: DJL puts the 0.5 in a buffer, makes a
 * tensor of it and closes it after the product, while autograd keeps the tensor for the backward
 * pass. A garbage collection between the two passes frees the buffer, and backward then reads freed
 * memory: a gradient of about {@code 7e-41} instead of 0.5, or NaN.
 *
 * <p>The agent rewrites {@code ai.djl.pytorch.jni.JniUtils} as it loads so that every tensor made
 * from a buffer is at once copied into memory the engine owns, and the borrowed one deleted. That
 * costs two more engine calls and one memory copy per array (about 2% of the main thread in an MLP
 * training run, sampled); nothing else about the array changes. The system property {@value
 * #STATUS} says how it went: {@code installed} before the engine loads, {@code copying} once it is
 * patched, or {@code unpatched: <why>}.
 */
public final class EngineAgent {

  /** The system property that reports the agent's state. */
  public static final String STATUS = "vaecourse.agent.blobs";

  /** The system property that holds the agent's jar, for the JVMs this one starts. */
  public static final String JAR = "vaecourse.agent.jar";

  static final String JNI_UTILS = "ai/djl/pytorch/jni/JniUtils";
  static final String LIBRARY = "ai/djl/pytorch/jni/PyTorchLibrary";
  static final String FROM_BLOB = "torchFromBlob";
  static final String FROM_BLOB_DESC = "(Ljava/nio/ByteBuffer;[JII[IZ)J";
  static final String CLONE = "tensorClone";
  static final String DELETE = "torchDeleteTensor";

  /** The method the agent adds to JniUtils: {@code long(long blob)}, the owned copy. */
  static final String OWNED_COPY = "vaecourse$ownedCopy";

  private EngineAgent() {}

  /** Entry point of {@code -javaagent}. */
  public static void premain(String args, Instrumentation instrumentation) {
    System.setProperty(STATUS, "installed");
    try {
      System.setProperty(
          JAR,
          Path.of(EngineAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString());
    } catch (URISyntaxException | RuntimeException e) {
      // The grader then looks for the jar in the course folder instead.
    }
    instrumentation.addTransformer(new Transformer());
  }

  private static final class Transformer implements ClassFileTransformer {
    @Override
    public byte[] transform(
        ClassLoader loader,
        String className,
        Class<?> redefined,
        ProtectionDomain domain,
        byte[] bytes) {
      if (!JNI_UTILS.equals(className)) {
        return null;
      }
      try {
        byte[] patched = patch(bytes);
        System.setProperty(STATUS, "copying");
        return patched;
      } catch (RuntimeException e) {
        // A DJL whose JniUtils no longer looks as expected runs unpatched, and says so.
        String why = "unpatched: " + e.getMessage();
        System.setProperty(STATUS, why);
        System.err.println("[course] engine agent: " + why);
        return null;
      }
    }
  }

  /**
   * JniUtils with every {@code torchFromBlob} result replaced by an engine-owned copy.
   *
   * @throws IllegalStateException when the class lacks the calls the patch relies on
   */
  static byte[] patch(byte[] jniUtils) {
    Calls calls = new Calls();
    new ClassReader(jniUtils).accept(calls, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (calls.fromBlob == 0 || !calls.clone || !calls.delete) {
      throw new IllegalStateException(
          "JniUtils calls torchFromBlob "
              + calls.fromBlob
              + " time(s), tensorClone "
              + (calls.clone ? "yes" : "no")
              + ", torchDeleteTensor "
              + (calls.delete ? "yes" : "no")
              + "; this DJL is not the one the course was built with");
    }
    ClassReader reader = new ClassReader(jniUtils);
    // No new branches: the frames ASM copies stay valid, only the stack sizes are recomputed.
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new Rewriter(writer), 0);
    return writer.toByteArray();
  }

  /** First pass: is every call the patch needs there? */
  private static final class Calls extends ClassVisitor {
    int fromBlob;
    boolean clone;
    boolean delete;

    Calls() {
      super(Opcodes.ASM9);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String desc, String signature, String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String methodDesc, boolean itf) {
          if (LIBRARY.equals(owner)) {
            fromBlob += FROM_BLOB.equals(method) && FROM_BLOB_DESC.equals(methodDesc) ? 1 : 0;
            clone |= CLONE.equals(method) && "(J)J".equals(methodDesc);
            delete |= DELETE.equals(method) && "(J)V".equals(methodDesc);
          }
        }
      };
    }
  }

  /** Second pass: each {@code torchFromBlob} handle goes through {@link #OWNED_COPY}. */
  private static final class Rewriter extends ClassVisitor {
    Rewriter(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String desc, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, desc, signature, exceptions);
      return new MethodVisitor(Opcodes.ASM9, next) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String methodDesc, boolean itf) {
          super.visitMethodInsn(opcode, owner, method, methodDesc, itf);
          if (opcode == Opcodes.INVOKEVIRTUAL
              && LIBRARY.equals(owner)
              && FROM_BLOB.equals(method)
              && FROM_BLOB_DESC.equals(methodDesc)) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, JNI_UTILS, OWNED_COPY, "(J)J", false);
          }
        }
      };
    }

    @Override
    public void visitEnd() {
      // private static long vaecourse$ownedCopy(long blob) {
      //   long copy = PyTorchLibrary.LIB.tensorClone(blob);
      //   PyTorchLibrary.LIB.torchDeleteTensor(blob);
      //   return copy;
      // }
      MethodVisitor m =
          super.visitMethod(
              Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
              OWNED_COPY,
              "(J)J",
              null,
              null);
      m.visitCode();
      m.visitFieldInsn(Opcodes.GETSTATIC, LIBRARY, "LIB", "L" + LIBRARY + ";");
      m.visitVarInsn(Opcodes.LLOAD, 0);
      m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LIBRARY, CLONE, "(J)J", false);
      m.visitVarInsn(Opcodes.LSTORE, 2);
      m.visitFieldInsn(Opcodes.GETSTATIC, LIBRARY, "LIB", "L" + LIBRARY + ";");
      m.visitVarInsn(Opcodes.LLOAD, 0);
      m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LIBRARY, DELETE, "(J)V", false);
      m.visitVarInsn(Opcodes.LLOAD, 2);
      m.visitInsn(Opcodes.LRETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
      super.visitEnd();
    }
  }
}
