package vaecourse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %maven's resolver against a small repository served over HTTP from a temporary folder. */
class MavenResolverTest {
  private static final String PARENT_POM =
      "<project><groupId>com.example</groupId><artifactId>parent</artifactId><version>1</version>"
          + "<packaging>pom</packaging><properties><dep.version>2.0</dep.version></properties>"
          + "<dependencyManagement><dependencies><dependency><groupId>com.example</groupId>"
          + "<artifactId>dep</artifactId><version>${dep.version}</version></dependency>"
          + "</dependencies></dependencyManagement></project>";
  private static final String APP_POM =
      "<project><parent><groupId>com.example</groupId><artifactId>parent</artifactId>"
          + "<version>1</version></parent><artifactId>app</artifactId><version>1.0</version>"
          + "<dependencies>"
          + "<dependency><groupId>com.example</groupId><artifactId>dep</artifactId></dependency>"
          + "<dependency><groupId>com.example</groupId><artifactId>testonly</artifactId>"
          + "<version>9</version><scope>test</scope></dependency>"
          + "<dependency><groupId>com.example</groupId><artifactId>extra</artifactId>"
          + "<version>9</version><optional>true</optional></dependency>"
          + "</dependencies></project>";
  private static final String DEP_POM =
      "<project><groupId>com.example</groupId><artifactId>dep</artifactId><version>2.0</version>"
          + "</project>";

  private static void put(Path repo, String rel, String text) throws IOException {
    Path f = repo.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static HttpServer serve(Path repo) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path f = repo.resolve(exchange.getRequestURI().getPath().substring(1));
          byte[] body = Files.isRegularFile(f) ? Files.readAllBytes(f) : new byte[0];
          exchange.sendResponseHeaders(
              Files.isRegularFile(f) ? 200 : 404, body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  @Test
  void resolvesAnArtifactWithItsManagedDependencyAndCachesThem(@TempDir Path tmp) throws Exception {
    Path remote = tmp.resolve("remote");
    put(remote, "com/example/parent/1/parent-1.pom", PARENT_POM);
    put(remote, "com/example/app/1.0/app-1.0.pom", APP_POM);
    put(remote, "com/example/app/1.0/app-1.0.jar", "app");
    put(remote, "com/example/dep/2.0/dep-2.0.pom", DEP_POM);
    put(remote, "com/example/dep/2.0/dep-2.0.jar", "dep");
    Path local = tmp.resolve("local");
    HttpServer server = serve(remote);
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    try {
      List<Path> jars = new MavenResolver(local, url).resolve("com.example:app:1.0");
      assertEquals(
          List.of(
              local.resolve("com/example/app/1.0/app-1.0.jar"),
              local.resolve("com/example/dep/2.0/dep-2.0.jar")),
          jars);
      Magics.MagicException missing =
          assertThrows(
              Magics.MagicException.class,
              () -> new MavenResolver(local, url).resolve("com.example:absent:1"));
      assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
    } finally {
      server.stop(0);
    }
    // The server is gone: the local repository now answers.
    assertEquals(2, new MavenResolver(local, url).resolve("com.example:app:1.0").size());
  }

  @Test
  void badCoordinatesAreNamed(@TempDir Path tmp) {
    Magics.MagicException e =
        assertThrows(
            Magics.MagicException.class,
            () -> new MavenResolver(tmp, "http://127.0.0.1:9/").resolve("just-a-name"));
    assertTrue(e.getMessage().contains("group:artifact:version"), e.getMessage());
  }
}
