package vaecourse.engine.magics;

import java.io.File;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.filter.ScopeDependencyFilter;

/**
 * Maven dependencies for {@code %maven}, {@code %addMavenDependency} and {@code %loadFromPOM}, on
 * Apache Maven Resolver with Maven 3's POM rules (parents, properties, profiles, managed versions,
 * imported BOMs, exclusions, nearest version wins).
 *
 * <p>What this class adds to the library: the local repository is read first and as it is (any file
 * there counts, as with {@code mvn -o}), downloads must match the repository's checksums, and a
 * failure comes back as one sentence naming the artifact, the repositories and what to do (offline,
 * not found, checksum mismatch). Repositories added with {@code %mavenRepo} are kept for the rest
 * of the session.
 */
public final class MavenDependencies {
  /** The repository every resolution may use unless {@code --from} says otherwise. */
  public static final String CENTRAL_ID = "central";

  /** Maven Central. */
  public static final String CENTRAL_URL = "https://repo1.maven.org/maven2/";

  /** Where a POM given as a file is served from while its dependencies are resolved. */
  private static final String POM_GROUP = "vaecourse.notebook";

  private static final String POM_ARTIFACT = "pom";
  private static final String POM_VERSION = "1";

  /** IJava also accepts Ivy's {@code org#name;revision}. */
  private static final Pattern IVY =
      Pattern.compile(
          "^(?<org>[-\\w/._+=]*)#(?<name>[-\\w/._+=]+)(?:#[-\\w/._+=]+)?;(?<rev>\\S+)$");

  private final Path localRepo;
  private final boolean offline;
  private final Consumer<String> log;
  private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
  private RepositorySystem system;

  /**
   * A resolver.
   *
   * @param localRepo the local repository, read first and where downloads go
   * @param centralUrl the URL of the repository named {@value #CENTRAL_ID}
   * @param offline whether nothing may be downloaded
   * @param log receives one line per downloaded file
   */
  public MavenDependencies(
      Path localRepo, String centralUrl, boolean offline, Consumer<String> log) {
    this.localRepo = localRepo.toAbsolutePath().normalize();
    this.offline = offline;
    this.log = log;
    repositories.put(CENTRAL_ID, remote(CENTRAL_ID, centralUrl));
  }

  /**
   * The user's setup: {@code ~/.m2/repository} (or {@code -Dmaven.repo.local}), Maven Central (or
   * {@code -Dvaecourse.maven.remote}), offline when {@code -Dvaecourse.maven.offline=true} or the
   * environment variable {@code COURSE_MAVEN_OFFLINE=true}.
   */
  public static MavenDependencies standard(Consumer<String> log) {
    String local =
        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
    String remote = System.getProperty("vaecourse.maven.remote", CENTRAL_URL);
    boolean offline =
        Boolean.getBoolean("vaecourse.maven.offline")
            || "true".equalsIgnoreCase(System.getenv("COURSE_MAVEN_OFFLINE"));
    return new MavenDependencies(Path.of(local), remote, offline, log);
  }

  /** The local repository. */
  public Path localRepository() {
    return localRepo;
  }

  /**
   * Adds (or replaces) a remote repository for later resolutions ({@code %mavenRepo id url}).
   *
   * @param id the repository's name, used by {@code --from}; not {@code default}
   * @param location an {@code http(s)://} or {@code file:} URL, or a folder path (resolved against
   *     {@code base})
   * @param base the folder relative paths are resolved against (the notebook's folder)
   * @throws MagicException for a reserved id or a location that is neither a URL nor a folder
   */
  public void addRepository(String id, String location, Path base) throws MagicException {
    if (id.isBlank() || id.equals("default")) {
      throw new MagicException(
          "repository id '" + id + "' is reserved; give the repository another name");
    }
    repositories.put(id, remote(id, url(location, base)));
  }

  /** The repositories in search order, as {@code id (url)}. */
  public List<String> repositories() {
    return repositories.values().stream().map(MavenDependencies::describe).toList();
  }

  /**
   * The jars of artifacts and of their compile and runtime dependencies, resolved together (one
   * graph, so that a version conflict between them is settled the Maven way).
   *
   * @param coordinates {@code group:artifact[:extension[:classifier]]:version} (IJava's form; Ivy's
   *     {@code org#name;revision} also works)
   * @param from repository ids or URLs to search instead of all known ones; empty for all
   * @throws MagicException naming what could not be resolved and why
   */
  public List<Path> resolve(List<String> coordinates, List<String> from) throws MagicException {
    if (coordinates.isEmpty()) {
      throw new MagicException(
          "no coordinates given; write them as group:artifact:version, e.g."
              + " %maven org.apache.commons:commons-math3:3.6.1");
    }
    CollectRequest collect = new CollectRequest();
    for (String c : coordinates) {
      collect.addDependency(new Dependency(artifact(c), "compile"));
    }
    collect.setRepositories(searched(from));
    String what = String.join(", ", coordinates);
    return resolve(collect, DependencyFilterUtils.classpathFilter("runtime"), null, what);
  }

  /**
   * The jars of the dependencies a POM declares, with their own dependencies. The POM's
   * repositories are searched after Maven Central (repositories from {@code %mavenRepo} are not, as
   * in IJava: a POM names its own).
   *
   * @param pom the POM file
   * @param scopes dependency scopes to keep; empty for {@code compile} and {@code runtime}
   * @throws MagicException naming what could not be resolved and why
   */
  public List<Path> resolvePom(Path pom, List<String> scopes) throws MagicException {
    Path file = pom.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new MagicException(file + " does not exist; give the path of a POM file");
    }
    Artifact root = new DefaultArtifact(POM_GROUP, POM_ARTIFACT, "pom", POM_VERSION);
    SinglePom workspace = new SinglePom(root, file);
    List<RemoteRepository> central = List.of(repositories.get(CENTRAL_ID));
    // The POM is read as Maven reads a project (parents, profiles, properties); its dependencies
    // are then direct ones, so a test-scoped one is kept when the test scope is asked for.
    ArtifactDescriptorResult descriptor;
    try (CloseableSession session = session(workspace)) {
      descriptor =
          system()
              .readArtifactDescriptor(session, new ArtifactDescriptorRequest(root, central, ""));
    } catch (RepositoryException e) {
      throw new MagicException(explain("the POM " + file, central, e), e);
    }
    if (!descriptor.getExceptions().isEmpty()) {
      throw new MagicException(
          explain("the POM " + file, central, descriptor.getExceptions().get(0)),
          descriptor.getExceptions().get(0));
    }
    CollectRequest collect = new CollectRequest();
    collect.setRootArtifact(root);
    collect.setDependencies(descriptor.getDependencies());
    collect.setManagedDependencies(descriptor.getManagedDependencies());
    List<RemoteRepository> searched = new ArrayList<>(central);
    searched.addAll(descriptor.getRepositories());
    collect.setRepositories(searched);
    DependencyFilter filter =
        scopes.isEmpty()
            ? DependencyFilterUtils.classpathFilter("runtime")
            : new ScopeDependencyFilter(scopes, null);
    return resolve(collect, filter, workspace, "the dependencies of " + file);
  }

  private List<Path> resolve(
      CollectRequest collect, DependencyFilter filter, WorkspaceReader workspace, String what)
      throws MagicException {
    try (CloseableSession session = session(workspace)) {
      DependencyResult result =
          system().resolveDependencies(session, new DependencyRequest(collect, filter));
      List<Path> jars = new ArrayList<>();
      for (ArtifactResult r : result.getArtifactResults()) {
        Path p = r.getArtifact().getPath();
        if (p != null && !jars.contains(p)) {
          jars.add(p);
        }
      }
      return jars;
    } catch (RepositoryException e) {
      throw new MagicException(explain(what, collect.getRepositories(), e), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MagicException("cannot resolve " + what + ": " + e.getMessage(), e);
    }
  }

  /** The failure as the user should read it: offline, checksum, not found, or the library's. */
  private String explain(String what, List<RemoteRepository> searched, Exception e) {
    String repos =
        searched.stream().map(MavenDependencies::describe).collect(Collectors.joining(", "));
    ChecksumFailureException checksum = cause(e, ChecksumFailureException.class);
    if (checksum != null) {
      ArtifactTransferException transfer = cause(e, ArtifactTransferException.class);
      String file =
          transfer == null
              ? "a downloaded file"
              : transfer.getArtifact().getArtifactId()
                  + "-"
                  + transfer.getArtifact().getVersion()
                  + (transfer.getArtifact().getClassifier().isEmpty()
                      ? ""
                      : "-" + transfer.getArtifact().getClassifier())
                  + "."
                  + transfer.getArtifact().getExtension()
                  + " from "
                  + describe(transfer.getRepository());
      return "cannot resolve "
          + what
          + ": "
          + file
          + " does not match its checksum ("
          + oneLine(checksum.getMessage())
          + "); it was rejected and not stored in "
          + localRepo
          + ". The repository or the network served a corrupt file: try again later, or"
          + " download the jar yourself and add it with %jars PATH";
    }
    if (offline || cause(e, RepositoryOfflineException.class) != null) {
      return "cannot resolve "
          + what
          + ": it is not in the local repository "
          + localRepo
          + " and downloads are off (offline mode). Put the jars there (for example with"
          + " mvn dependency:get on a machine that is online) or add them with %jars PATH";
    }
    Throwable network = networkCause(e);
    if (network != null) {
      return "cannot resolve "
          + what
          + ": it is not in the local repository "
          + localRepo
          + " and "
          + repos
          + " cannot be reached ("
          + network.getClass().getSimpleName()
          + (network.getMessage() == null ? "" : ": " + oneLine(network.getMessage()))
          + "). Are you offline? Put the jars in the local repository or add them with"
          + " %jars PATH";
    }
    ArtifactNotFoundException missing = cause(e, ArtifactNotFoundException.class);
    if (missing != null) {
      return "cannot resolve "
          + what
          + ": "
          + missing.getArtifact()
          + " is neither in the local repository "
          + localRepo
          + " nor in "
          + repos
          + ". Check the coordinates (group:artifact:version), or add the repository that has"
          + " it with %mavenRepo ID URL";
    }
    return "cannot resolve " + what + ": " + oneLine(e.getMessage());
  }

  private CloseableSession session(WorkspaceReader workspace) {
    return new SessionBuilderSupplier(system())
        .get()
        // "simple": a file in the local repository counts wherever it came from (mvn install,
        // a copy by hand), so local content always wins over a download.
        .withLocalRepositories(new LocalRepository(localRepo, "simple"))
        .setOffline(offline)
        .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
        // A missing artifact is looked for again next time instead of being remembered as absent.
        .setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_ALWAYS)
        .setSystemProperties(System.getProperties())
        .setWorkspaceReader(workspace)
        .setTransferListener(new DownloadLog(log))
        .build();
  }

  private synchronized RepositorySystem system() {
    if (system == null) {
      system = new RepositorySystemSupplier().get();
    }
    return system;
  }

  private List<RemoteRepository> searched(List<String> from) throws MagicException {
    if (from.isEmpty()) {
      return new ArrayList<>(repositories.values());
    }
    List<RemoteRepository> out = new ArrayList<>();
    for (String f : from) {
      RemoteRepository known = repositories.get(f);
      if (known != null) {
        out.add(known);
      } else if (f.contains(":")) {
        out.add(remote("from-" + out.size(), url(f, Path.of(""))));
      } else {
        throw new MagicException(
            "--from "
                + f
                + ": no repository has that id; known ones are "
                + repositories.keySet()
                + " (add one with %mavenRepo ID URL, or give a URL)");
      }
    }
    return out;
  }

  private static Artifact artifact(String coordinates) throws MagicException {
    Matcher ivy = IVY.matcher(coordinates);
    if (ivy.matches()) {
      return new DefaultArtifact(ivy.group("org"), ivy.group("name"), "jar", ivy.group("rev"));
    }
    try {
      return new DefaultArtifact(coordinates);
    } catch (IllegalArgumentException e) {
      throw new MagicException(
          "Maven coordinates must look like group:artifact:version (or"
              + " group:artifact:packaging[:classifier]:version), got '"
              + coordinates
              + "'");
    }
  }

  private static RemoteRepository remote(String id, String url) {
    RepositoryPolicy policy =
        new RepositoryPolicy(
            true, RepositoryPolicy.UPDATE_POLICY_ALWAYS, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
    return new RemoteRepository.Builder(id, "default", url).setPolicy(policy).build();
  }

  private static String url(String location, Path base) throws MagicException {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
      try {
        return new URI(location).toString();
      } catch (URISyntaxException e) {
        throw new MagicException("'" + location + "' is not a valid URL: " + e.getMessage());
      }
    }
    Path dir = base.resolve(location).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new MagicException(
          "'"
              + location
              + "' is neither an http(s):// or file: URL nor a folder ("
              + dir
              + " does not exist)");
    }
    return dir.toUri().toString();
  }

  private static String describe(RemoteRepository r) {
    return r.getId() + " (" + r.getUrl() + ")";
  }

  private static Throwable networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException
          || t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException) {
        return t;
      }
    }
    for (Throwable t : suppressedAndResults(e)) {
      Throwable n = networkCause(t);
      if (n != null) {
        return n;
      }
    }
    return null;
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    for (Throwable t : suppressedAndResults(e)) {
      T found = cause(t, type);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * The exceptions a resolution failure keeps besides its cause chain: the per-artifact results of
   * {@code DependencyResolutionException} and suppressed ones.
   */
  private static List<Throwable> suppressedAndResults(Throwable e) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        out.add(s);
      }
      if (t instanceof org.eclipse.aether.resolution.ArtifactResolutionException a) {
        for (ArtifactResult r : a.getResults()) {
          out.addAll(r.getExceptions());
        }
      }
      if (t instanceof org.eclipse.aether.resolution.DependencyResolutionException d
          && d.getResult() != null) {
        for (ArtifactResult r : d.getResult().getArtifactResults()) {
          out.addAll(r.getExceptions());
        }
        out.addAll(d.getResult().getCollectExceptions());
      }
    }
    return out;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Serves one POM file as the artifact whose dependencies are resolved. */
  private static final class SinglePom implements WorkspaceReader {
    private final WorkspaceRepository repository = new WorkspaceRepository("notebook-pom");
    private final Artifact root;
    private final Path file;

    SinglePom(Artifact root, Path file) {
      this.root = root;
      this.file = file;
    }

    @Override
    public WorkspaceRepository getRepository() {
      return repository;
    }

    @Override
    public File findArtifact(Artifact artifact) {
      return matches(artifact) && "pom".equals(artifact.getExtension()) ? file.toFile() : null;
    }

    @Override
    public List<String> findVersions(Artifact artifact) {
      return matches(artifact) ? List.of(root.getVersion()) : List.of();
    }

    private boolean matches(Artifact a) {
      return a.getGroupId().equals(root.getGroupId())
          && a.getArtifactId().equals(root.getArtifactId())
          && a.getVersion().equals(root.getVersion());
    }
  }

  /** One line per downloaded file (checksums aside), so a slow first {@code %maven} says why. */
  private static final class DownloadLog extends AbstractTransferListener {
    private final Consumer<String> log;
    private final Set<String> said = new LinkedHashSet<>();

    DownloadLog(Consumer<String> log) {
      this.log = log;
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
      String name = event.getResource().getResourceName();
      if (event.getRequestType() != TransferEvent.RequestType.GET
          || name.endsWith(".sha1")
          || name.endsWith(".md5")
          || name.endsWith(".sha256")
          || name.endsWith(".sha512")
          || !said.add(name)) {
        return;
      }
      long kb = (event.getTransferredBytes() + 1023) / 1024;
      String file = name.substring(name.lastIndexOf('/') + 1);
      log.accept(
          "downloaded " + file + " (" + kb + " kB) from " + event.getResource().getRepositoryId());
    }
  }
}
