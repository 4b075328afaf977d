package vaecourse.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The patch of DJL's JniUtils, read from the engine jar the course builds with. */
class EngineAgentTest {

  @Test
  void everyBlobTensorGoesThroughTheOwnedCopy() throws IOException {
    List<String> calls = calls(EngineAgent.patch(bytes(EngineAgent.JNI_UTILS)));
    // createNdFromByteBuffer: torchFromBlob, then at once the copy; the copy clones and deletes.
    int fromBlob = calls.indexOf("createNdFromByteBuffer -> PyTorchLibrary.torchFromBlob");
    assertEquals(
        "createNdFromByteBuffer -> JniUtils.vaecourse$ownedCopy", calls.get(fromBlob + 1), "next");
    assertEquals(1, calls.stream().filter(c -> c.endsWith("torchFromBlob")).count());
    assertEquals(
        List.of(
            "vaecourse$ownedCopy -> PyTorchLibrary.tensorClone",
            "vaecourse$ownedCopy -> PyTorchLibrary.torchDeleteTensor"),
        calls.stream().filter(c -> c.startsWith("vaecourse$ownedCopy")).toList());
  }

  @Test
  void aClassWithoutTheEngineCallsIsLeftAloneWithTheReason() throws IOException {
    byte[] other = bytes("vaecourse/agent/EngineAgent");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> EngineAgent.patch(other));
    assertEquals(
        "JniUtils calls torchFromBlob 0 time(s), tensorClone no, torchDeleteTensor no; this DJL is"
            + " not the one the course was built with",
        e.getMessage());
  }

  private static byte[] bytes(String internalName) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      return in.readAllBytes();
    }
  }

  /** "method -> Owner.called" for every call in the class, in order. */
  private static List<String> calls(byte[] bytes) {
    List<String> out = new ArrayList<>();
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String method, String methodDesc, boolean itf) {
                    out.add(
                        name + " -> " + owner.substring(owner.lastIndexOf('/') + 1) + "." + method);
                  }
                };
              }
            },
            0);
    return out;
  }
}
