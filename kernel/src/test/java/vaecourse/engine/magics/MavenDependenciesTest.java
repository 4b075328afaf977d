package vaecourse.engine.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * %maven's resolution against repositories written into a temporary folder (file:// URLs, no
 * network): what Maven itself would put on the class path for the same POMs.
 */
class MavenDependenciesTest {
  @TempDir Path tmp;
  private TestRepository remote;
  private Path local;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void setUp() {
    remote = new TestRepository(tmp.resolve("remote"));
    local = tmp.resolve("local");
  }

  private MavenDependencies resolver() {
    return new MavenDependencies(local, remote.url(), false, log::add);
  }

  private static String dep(String coords) {
    return dep(coords, "");
  }

  private static String dep(String coords, String extra) {
    String[] p = coords.split(":");
    return "<dependency><groupId>"
        + p[0]
        + "</groupId><artifactId>"
        + p[1]
        + "</artifactId>"
        + (p.length > 2 ? "<version>" + p[2] + "</version>" : "")
        + extra
        + "</dependency>";
  }

  private static String deps(String... d) {
    return "<dependencies>" + String.join("", d) + "</dependencies>";
  }

  /** The local-repository jar of each coordinate, in order. */
  private List<Path> jars(String... coords) {
    List<Path> out = new ArrayList<>();
    for (String c : coords) {
      out.add(local.resolve(TestRepository.path(c, "jar")));
    }
    return out;
  }

  @Test
  void transitiveCompileAndRuntimeDependenciesComeWithTheArtifact() throws Exception {
    remote
        .artifact(
            "com.example:app:1.0",
            deps(
                dep("com.example:lib:1.0"),
                dep("com.example:tests:1.0", "<scope>test</scope>"),
                dep("com.example:container:1.0", "<scope>provided</scope>")))
        .artifact(
            "com.example:lib:1.0",
            deps(
                dep("com.example:leaf:1.0", "<scope>runtime</scope>"),
                dep("com.example:extra:1.0", "<optional>true</optional>")))
        .artifact("com.example:leaf:1.0", "");
    List<Path> resolved = resolver().resolve(List.of("com.example:app:1.0"), List.of());
    assertEquals(
        jars("com.example:app:1.0", "com.example:lib:1.0", "com.example:leaf:1.0"), resolved);
    for (Path p : resolved) {
      assertTrue(Files.isRegularFile(p), p + " was not stored in the local repository");
    }
    assertTrue(log.contains("downloaded app-1.0.jar (1 kB) from central"), log.toString());
  }

  @Test
  void aChildsManagedVersionBeatsItsParentsAndTheNearestVersionWins() throws Exception {
    remote
        .pom(
            "com.example:parent:1",
            "<packaging>pom</packaging><properties><dep.version>1.0</dep.version></properties>"
                + "<dependencyManagement>"
                + deps(dep("com.example:dep:${dep.version}"))
                + "</dependencyManagement>")
        .artifact(
            "com.example:app:1.0",
            "<parent><groupId>com.example</groupId><artifactId>parent</artifactId>"
                + "<version>1</version></parent>"
                + "<properties><dep.version>2.0</dep.version></properties>"
                + deps(dep("com.example:dep"), dep("com.example:lib:1.0")))
        // lib wants dep 1.0, but app's own dep (nearer the root) is 2.0
        .artifact("com.example:lib:1.0", deps(dep("com.example:dep:1.0")))
        .artifact("com.example:dep:1.0", "")
        .artifact("com.example:dep:2.0", "");
    assertEquals(
        jars("com.example:app:1.0", "com.example:dep:2.0", "com.example:lib:1.0"),
        resolver().resolve(List.of("com.example:app:1.0"), List.of()));
  }

  @Test
  void exclusionsDropADependencyAndEverythingBelowIt() throws Exception {
    remote
        .artifact(
            "com.example:app:1.0",
            deps(
                dep(
                    "com.example:lib:1.0",
                    "<exclusions><exclusion><groupId>com.example</groupId>"
                        + "<artifactId>heavy</artifactId></exclusion></exclusions>")))
        .artifact("com.example:lib:1.0", deps(dep("com.example:heavy:1.0")))
        .artifact("com.example:heavy:1.0", deps(dep("com.example:heavier:1.0")))
        .artifact("com.example:heavier:1.0", "");
    assertEquals(
        jars("com.example:app:1.0", "com.example:lib:1.0"),
        resolver().resolve(List.of("com.example:app:1.0"), List.of()));
  }

  @Test
  void aProfileActiveByDefaultAddsItsDependencies() throws Exception {
    remote
        .artifact(
            "com.example:app:1.0",
            "<profiles><profile><id>extras</id><activation><activeByDefault>true"
                + "</activeByDefault></activation>"
                + deps(dep("com.example:extra:1.0"))
                + "</profile></profiles>")
        .artifact("com.example:extra:1.0", "");
    assertEquals(
        jars("com.example:app:1.0", "com.example:extra:1.0"),
        resolver().resolve(List.of("com.example:app:1.0"), List.of()));
  }

  @Test
  void aChecksumMismatchIsRejectedAndNothingIsStored() throws Exception {
    remote
        .artifact("com.example:app:1.0", deps(dep("com.example:lib:1.0")))
        .artifact("com.example:lib:1.0", "");
    String libJar = TestRepository.path("com.example:lib:1.0", "jar");
    remote.corruptChecksum(libJar);
    MagicException e =
        assertThrows(
            MagicException.class,
            () -> resolver().resolve(List.of("com.example:app:1.0"), List.of()));
    assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
    assertTrue(e.getMessage().contains("lib-1.0.jar"), e.getMessage());
    assertTrue(e.getMessage().contains("0".repeat(40)), e.getMessage());
    assertFalse(Files.exists(local.resolve(libJar)), "a corrupt jar must not be kept");
  }

  @Test
  void offlineModeSaysSoAndNamesTheLocalRepository() throws Exception {
    remote.artifact("com.example:app:1.0", "");
    MavenDependencies offline = new MavenDependencies(local, remote.url(), true, log::add);
    MagicException e =
        assertThrows(
            MagicException.class, () -> offline.resolve(List.of("com.example:app:1.0"), List.of()));
    assertTrue(e.getMessage().contains("com.example:app:1.0"), e.getMessage());
    assertTrue(e.getMessage().contains("offline mode"), e.getMessage());
    assertTrue(e.getMessage().contains(local.toString()), e.getMessage());
  }

  @Test
  void anUnreachableRepositoryAsksWhetherYouAreOfflineAndTheLocalCopyStillWorks() throws Exception {
    remote.artifact("com.example:app:1.0", deps(dep("com.example:lib:1.0")));
    remote.artifact("com.example:lib:1.0", "");
    resolver().resolve(List.of("com.example:app:1.0"), List.of()); // fills the local repository
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connections are refused
    }
    String unreachable = "http://127.0.0.1:" + port + "/maven2/";
    MavenDependencies cut = new MavenDependencies(local, unreachable, false, log::add);
    assertEquals(
        jars("com.example:app:1.0", "com.example:lib:1.0"),
        cut.resolve(List.of("com.example:app:1.0"), List.of()));
    MagicException e =
        assertThrows(
            MagicException.class, () -> cut.resolve(List.of("com.example:absent:1"), List.of()));
    assertTrue(e.getMessage().contains("Are you offline?"), e.getMessage());
    assertTrue(e.getMessage().contains("com.example:absent:1"), e.getMessage());
    assertTrue(e.getMessage().contains(unreachable), e.getMessage());
  }

  @Test
  void aMissingArtifactNamesTheRepositoriesSearched() throws Exception {
    Files.createDirectories(remote.root());
    MagicException e =
        assertThrows(
            MagicException.class,
            () -> resolver().resolve(List.of("com.example:absent:1"), List.of()));
    assertTrue(e.getMessage().contains("is neither in the local repository"), e.getMessage());
    assertTrue(e.getMessage().contains("central (" + remote.url()), e.getMessage());
  }

  @Test
  void anAddedRepositoryIsSearchedAndFromRestrictsTheSearch(@TempDir Path other) throws Exception {
    Files.createDirectories(remote.root());
    TestRepository extra = new TestRepository(other);
    extra.artifact("org.other:thing:2", "");
    MavenDependencies r = resolver();
    r.addRepository("extra", other.toString(), tmp);
    assertEquals(jars("org.other:thing:2"), r.resolve(List.of("org.other:thing:2"), List.of()));
    MagicException e =
        assertThrows(
            MagicException.class,
            () -> r.resolve(List.of("org.other:other:1"), List.of("central")));
    assertFalse(e.getMessage().contains("extra ("), e.getMessage());
    assertThrows(MagicException.class, () -> r.addRepository("default", other.toString(), tmp));
    assertThrows(MagicException.class, () -> r.resolve(List.of("no-colons"), List.of()));
  }

  @Test
  void aPomFileGivesItsDependenciesWithItsManagementAndScopes() throws Exception {
    remote
        .artifact("com.example:lib:1.0", deps(dep("com.example:leaf:1.0")))
        .artifact("com.example:leaf:1.0", "")
        .artifact("com.example:leaf:1.1", "")
        .artifact("com.example:tests:1.0", "");
    Path pom = tmp.resolve("pom.xml");
    Files.writeString(
        pom,
        "<project><modelVersion>4.0.0</modelVersion><groupId>me</groupId>"
            + "<artifactId>nb</artifactId><version>1</version>"
            + "<dependencyManagement>"
            + deps(dep("com.example:leaf:1.1"))
            + "</dependencyManagement>"
            + deps(dep("com.example:lib:1.0"), dep("com.example:tests:1.0", "<scope>test</scope>"))
            + "</project>");
    // The POM's own management reaches its transitive dependencies (leaf 1.1, not 1.0).
    assertEquals(
        jars("com.example:lib:1.0", "com.example:leaf:1.1"), resolver().resolvePom(pom, List.of()));
    assertEquals(jars("com.example:tests:1.0"), resolver().resolvePom(pom, List.of("test")));
  }

  @Test
  void aPomsOwnRepositoriesAreSearched(@TempDir Path other) throws Exception {
    Files.createDirectories(remote.root());
    new TestRepository(other).artifact("org.other:thing:2", "");
    Path pom = tmp.resolve("pom.xml");
    Files.writeString(
        pom,
        PartialPom.complete(
            "<repository><id>other</id><url>"
                + other.toUri()
                + "</url></repository>"
                + dep("org.other:thing:2")));
    assertEquals(jars("org.other:thing:2"), resolver().resolvePom(pom, List.of()));
  }

  @Test
  void aMissingPomFileIsNamed() {
    Path absent = tmp.resolve("nope.xml");
    MagicException e =
        assertThrows(MagicException.class, () -> resolver().resolvePom(absent, List.of()));
    assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
  }
}
