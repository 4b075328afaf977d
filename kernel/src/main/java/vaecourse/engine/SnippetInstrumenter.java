package vaecourse.engine;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites the classes JShell defines for notebook cells so that they can be stopped and cannot end
 * the process: a call to {@link StopCheck#check()} at the start of every method and before every
 * backward jump (each loop turn), and {@code System.exit}, {@code Runtime.exit} and {@code
 * Runtime.halt} calls (direct or as method references) redirected to {@link StopCheck}.
 *
 * <p>Why this design: JDK 17 could stop a thread ({@code Thread.stop}) and trap exits (a {@code
 * SecurityManager}); JDK 20 and later refuse the first, JDK 24 and later the second. Rewriting the
 * cells' own bytecode behaves the same on every JDK, costs nothing outside cell code, keeps the
 * notebook's state in one process (a child JVM per cell would have to serialize it), and is the
 * technique JShell's own local execution engine uses since it lost {@code Thread.stop}. ASM (rather
 * than the JDK's class-file API, final only in JDK 24) runs on JDK 17 too, so every JDK gets the
 * same code path.
 *
 * <p>Costs, measured by {@code StopCheckBench} in the kernel test sources (figures in the kernel
 * README): the rewrite takes tens of microseconds per cell class; a tight numeric loop pays one
 * volatile read per turn.
 *
 * <p>Limits: code reached by reflection or in libraries (jars added with {@code %jars}, the JDK) is
 * not rewritten, so a loop inside a library stops only when it returns into cell code, sleeps or
 * waits (the engine also interrupts the thread), and {@code System.exit} called by reflection or by
 * a library ends the process. Class files newer than ASM knows are loaded unchanged.
 */
final class SnippetInstrumenter {
  private static final String STOP_CHECK = Type.getInternalName(StopCheck.class);
  private static final String SYSTEM = "java/lang/System";
  private static final String RUNTIME = "java/lang/Runtime";
  private static final String EXIT_DESC = "(I)V";
  private static final String RUNTIME_EXIT_DESC = "(Ljava/lang/Runtime;I)V";

  private SnippetInstrumenter() {}

  /**
   * The rewritten class file, or the original when ASM cannot read it (a class file version newer
   * than it knows).
   */
  static byte[] instrument(byte[] classFile) {
    ClassReader reader;
    try {
      reader = new ClassReader(classFile);
    } catch (IllegalArgumentException e) {
      return classFile;
    }
    // Reusing the reader's constant pool keeps the class as it was apart from the changed code. The
    // inserted calls take and leave nothing on the stack, so neither the maximum stack size nor the
    // stack map frames change.
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            // A static initializer stopped at its start would leave its class unusable for the rest
            // of the session; its loops are still checked.
            return mv == null ? null : new StopWeaver(mv, !"<clinit>".equals(name));
          }
        },
        0);
    return writer.toByteArray();
  }

  /** Inserts the stop checks and redirects the exit calls of one method. */
  private static final class StopWeaver extends MethodVisitor {
    private final Set<Label> seen = new HashSet<>();
    private final boolean checkAtStart;

    StopWeaver(MethodVisitor next, boolean checkAtStart) {
      super(Opcodes.ASM9, next);
      this.checkAtStart = checkAtStart;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      if (checkAtStart) {
        check();
      }
    }

    @Override
    public void visitLabel(Label label) {
      seen.add(label);
      super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      if (seen.contains(label)) {
        check(); // a jump back to code already seen: one loop turn
      }
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      if (anySeen(dflt, labels)) {
        check();
      }
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      if (anySeen(dflt, labels)) {
        check();
      }
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      String stand = standIn(opcode == Opcodes.INVOKESTATIC, owner, name, descriptor);
      if (stand != null) {
        String desc = opcode == Opcodes.INVOKESTATIC ? EXIT_DESC : RUNTIME_EXIT_DESC;
        super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP_CHECK, stand, desc, false);
      } else {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      }
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... bootstrapArgs) {
      Object[] args = bootstrapArgs.clone();
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof Handle h) {
          args[i] = redirect(h);
        }
      }
      super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
    }

    /** {@code System::exit} or {@code Runtime::exit} as a method reference. */
    private static Handle redirect(Handle h) {
      boolean isStatic = h.getTag() == Opcodes.H_INVOKESTATIC;
      boolean isVirtual = h.getTag() == Opcodes.H_INVOKEVIRTUAL;
      String stand =
          isStatic || isVirtual ? standIn(isStatic, h.getOwner(), h.getName(), h.getDesc()) : null;
      if (stand == null) {
        return h;
      }
      return new Handle(
          Opcodes.H_INVOKESTATIC,
          STOP_CHECK,
          stand,
          isStatic ? EXIT_DESC : RUNTIME_EXIT_DESC,
          false);
    }

    /** The {@link StopCheck} method that replaces a call, or null to keep it. */
    private static String standIn(boolean isStatic, String owner, String name, String desc) {
      if (!EXIT_DESC.equals(desc)) {
        return null;
      }
      if (isStatic && SYSTEM.equals(owner) && "exit".equals(name)) {
        return "exit";
      }
      if (!isStatic && RUNTIME.equals(owner) && "exit".equals(name)) {
        return "runtimeExit";
      }
      if (!isStatic && RUNTIME.equals(owner) && "halt".equals(name)) {
        return "runtimeHalt";
      }
      return null;
    }

    private boolean anySeen(Label dflt, Label[] labels) {
      if (seen.contains(dflt)) {
        return true;
      }
      for (Label l : labels) {
        if (seen.contains(l)) {
          return true;
        }
      }
      return false;
    }

    private void check() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP_CHECK, "check", "()V", false);
    }
  }
}
