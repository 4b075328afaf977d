package vaecourse.engine.magics;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * A Maven repository in a folder, as a file:// URL serves it: POMs, jars (with a compiled class
 * when asked) and a {@code .sha1} beside each file, the way Maven Central lays them out.
 */
public final class TestRepository {
  private final Path root;

  public TestRepository(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public String url() {
    return root.toUri().toString();
  }

  /** The path of {@code group:artifact:version} with an extension, relative to the root. */
  public static String path(String coords, String ext) {
    String[] p = coords.split(":");
    return p[0].replace('.', '/') + "/" + p[1] + "/" + p[2] + "/" + p[1] + "-" + p[2] + "." + ext;
  }

  /** Writes a POM; {@code body} goes inside {@code <project>} after the coordinates. */
  public TestRepository pom(String coords, String body) throws IOException {
    String[] p = coords.split(":");
    String xml =
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>"
            + p[0]
            + "</groupId><artifactId>"
            + p[1]
            + "</artifactId><version>"
            + p[2]
            + "</version>"
            + body
            + "</project>";
    write(path(coords, "pom"), xml.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Writes a POM and an (empty but valid) jar. */
  public TestRepository artifact(String coords, String pomBody) throws IOException {
    pom(coords, pomBody);
    write(path(coords, "jar"), jar(null, null));
    return this;
  }

  /** Writes a POM and a jar holding one class compiled from {@code source}. */
  public TestRepository artifactWithClass(
      String coords, String pomBody, String className, String source) throws IOException {
    pom(coords, pomBody);
    write(path(coords, "jar"), jar(className, compile(className, source)));
    return this;
  }

  /** Overwrites a file's {@code .sha1} with a wrong one. */
  public void corruptChecksum(String relPath) throws IOException {
    Files.writeString(root.resolve(relPath + ".sha1"), "0".repeat(40));
  }

  /** Writes a file and its SHA-1, as Maven repositories publish them. */
  public void write(String rel, byte[] content) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.write(f, content);
    Files.writeString(root.resolve(rel + ".sha1"), sha1(content));
  }

  public static String sha1(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] jar(String className, byte[] classBytes) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().putValue("Manifest-Version", "1.0");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes, mf)) {
      if (className != null) {
        out.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
        out.write(classBytes);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Compiles one class with the JDK's compiler. */
  public static byte[] compile(String className, String source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("test-classes");
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
      JavaFileObject src =
          new SimpleJavaFileObject(
              URI.create("string:///" + className.replace('.', '/') + ".java"),
              JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      boolean ok =
          javac.getTask(null, fm, null, List.of("--release", "17"), null, List.of(src)).call();
      if (!ok) {
        throw new IllegalStateException("test class " + className + " does not compile");
      }
      return Files.readAllBytes(out.resolve(className.replace('.', '/') + ".class"));
    }
  }
}
