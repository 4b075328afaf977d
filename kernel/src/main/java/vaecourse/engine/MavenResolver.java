package vaecourse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vaecourse.engine.Magics.MagicException;

/**
 * A small Maven resolver for {@code %maven}: finds an artifact and its compile and runtime
 * dependencies (read from the POMs, with parents, properties, managed versions, imported BOMs and
 * exclusions; the nearest version wins) in the local repository, downloading what is missing from
 * Maven Central into it. Version ranges and profiles are not supported.
 */
final class MavenResolver {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Path localRepo;
  private final String remote;
  private final Map<String, Model> models = new HashMap<>();
  private HttpClient http;

  MavenResolver(Path localRepo, String remote) {
    this.localRepo = localRepo;
    this.remote = remote.endsWith("/") ? remote : remote + "/";
  }

  /** ~/.m2/repository (or {@code -Dmaven.repo.local}) and Maven Central. */
  static MavenResolver standard() {
    String local =
        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
    String remote = System.getProperty("vaecourse.maven.remote", "https://repo1.maven.org/maven2/");
    return new MavenResolver(Path.of(local), remote);
  }

  /**
   * The jars of an artifact and its transitive compile/runtime dependencies.
   *
   * @param coordinates {@code group:artifact:version}, or with packaging and classifier as {@code
   *     group:artifact:packaging[:classifier]:version}
   */
  List<Path> resolve(String coordinates) throws MagicException {
    String[] parts = coordinates.split(":");
    Artifact root;
    if (parts.length == 3) {
      root = new Artifact(parts[0], parts[1], parts[2], "jar", "");
    } else if (parts.length == 4) {
      root = new Artifact(parts[0], parts[1], parts[3], parts[2], "");
    } else if (parts.length == 5) {
      root = new Artifact(parts[0], parts[1], parts[4], parts[2], parts[3]);
    } else {
      throw new MagicException(
          "Maven coordinates must look like group:artifact:version, got '" + coordinates + "'");
    }
    List<Path> jars = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<Pending> queue = new ArrayDeque<>();
    queue.add(new Pending(root, Set.of(), Map.of()));
    while (!queue.isEmpty()) {
      Pending next = queue.poll();
      Artifact a = next.artifact;
      if (!seen.add(a.groupId + ":" + a.artifactId + ":" + a.classifier)) {
        continue; // nearest first: a version met earlier wins
      }
      Model model = model(a.groupId, a.artifactId, a.version);
      if (!"pom".equals(a.type)) {
        jars.add(fetch(a.groupId, a.artifactId, a.version, a.classifier, "jar"));
      }
      for (Dependency d : model.dependencies) {
        String key = d.groupId + ":" + d.artifactId;
        if (d.optional
            || next.exclusions.contains(key)
            || next.exclusions.contains(d.groupId + ":*")) {
          continue;
        }
        if (!(d.scope.isEmpty() || d.scope.equals("compile") || d.scope.equals("runtime"))) {
          continue;
        }
        String version = next.managed.getOrDefault(key, d.version);
        if (version == null || version.isEmpty()) {
          throw new MagicException("no version for " + key + " (needed by " + a + ")");
        }
        if (version.startsWith("[") || version.startsWith("(")) {
          Matcher m = Pattern.compile("^\\[([^,\\]]+)\\]$").matcher(version);
          if (!m.matches()) {
            throw new MagicException("version ranges are not supported: " + key + ":" + version);
          }
          version = m.group(1);
        }
        Set<String> excl = new HashSet<>(next.exclusions);
        excl.addAll(d.exclusions);
        Map<String, String> managed = new HashMap<>(model.managed);
        managed.putAll(next.managed); // the nearer declaration wins
        String type = d.type.isEmpty() ? "jar" : d.type;
        queue.add(
            new Pending(
                new Artifact(d.groupId, d.artifactId, version, type, d.classifier), excl, managed));
      }
    }
    return jars;
  }

  private Model model(String g, String a, String v) throws MagicException {
    String key = g + ":" + a + ":" + v;
    Model cached = models.get(key);
    if (cached != null) {
      return cached;
    }
    Path pom = fetch(g, a, v, "", "pom");
    Element project;
    try (InputStream in = Files.newInputStream(pom)) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      Document doc = f.newDocumentBuilder().parse(in);
      project = doc.getDocumentElement();
    } catch (Exception e) {
      throw new MagicException("cannot read " + pom + ": " + e.getMessage());
    }
    Model model = new Model();
    Element parent = child(project, "parent");
    if (parent != null) {
      Model pm =
          model(text(parent, "groupId"), text(parent, "artifactId"), text(parent, "version"));
      model.properties.putAll(pm.properties);
      model.managed.putAll(pm.managed);
      model.dependencies.addAll(pm.dependencies);
    }
    model.properties.put("project.groupId", g);
    model.properties.put("project.artifactId", a);
    model.properties.put("project.version", v);
    model.properties.put("pom.version", v);
    model.properties.put("version", v);
    if (parent != null) {
      model.properties.put("project.parent.version", text(parent, "version"));
      model.properties.put("project.parent.groupId", text(parent, "groupId"));
    }
    Element props = child(project, "properties");
    if (props != null) {
      for (Element p : children(props)) {
        model.properties.put(p.getTagName(), p.getTextContent().strip());
      }
    }
    Element dm = child(project, "dependencyManagement");
    Element dmDeps = dm == null ? null : child(dm, "dependencies");
    if (dmDeps != null) {
      for (Element d : children(dmDeps)) {
        Dependency dep = dependency(d, model.properties);
        if ("import".equals(dep.scope) && "pom".equals(dep.type)) {
          model.managed.putAll(model(dep.groupId, dep.artifactId, dep.version).managed);
        } else {
          model.managed.put(dep.groupId + ":" + dep.artifactId, dep.version);
        }
      }
    }
    Element deps = child(project, "dependencies");
    if (deps != null) {
      for (Element d : children(deps)) {
        Dependency dep = dependency(d, model.properties);
        if (dep.version.isEmpty()) {
          dep = dep.withVersion(model.managed.getOrDefault(dep.groupId + ":" + dep.artifactId, ""));
        }
        model.dependencies.add(dep);
      }
    }
    models.put(key, model);
    return model;
  }

  private static Dependency dependency(Element d, Map<String, String> props) {
    List<String> excl = new ArrayList<>();
    Element ex = child(d, "exclusions");
    if (ex != null) {
      for (Element e : children(ex)) {
        excl.add(
            interpolate(text(e, "groupId"), props)
                + ":"
                + interpolate(text(e, "artifactId"), props));
      }
    }
    return new Dependency(
        interpolate(text(d, "groupId"), props),
        interpolate(text(d, "artifactId"), props),
        interpolate(text(d, "version"), props),
        interpolate(text(d, "scope"), props),
        interpolate(text(d, "type"), props),
        interpolate(text(d, "classifier"), props),
        "true".equals(interpolate(text(d, "optional"), props)),
        excl);
  }

  private static String interpolate(String s, Map<String, String> props) {
    String cur = s;
    for (int round = 0; round < 10 && cur.contains("${"); round++) {
      Matcher m = PROPERTY.matcher(cur);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String v = props.get(m.group(1));
        m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
      }
      m.appendTail(sb);
      if (sb.toString().equals(cur)) {
        break;
      }
      cur = sb.toString();
    }
    return cur;
  }

  /** The local file of an artifact, downloaded first when it is missing. */
  private Path fetch(String g, String a, String v, String classifier, String ext)
      throws MagicException {
    String rel =
        g.replace('.', '/')
            + "/"
            + a
            + "/"
            + v
            + "/"
            + a
            + "-"
            + v
            + (classifier.isEmpty() ? "" : "-" + classifier)
            + "."
            + ext;
    Path local = localRepo.resolve(rel);
    if (Files.isRegularFile(local)) {
      return local;
    }
    String url = remote + rel;
    try {
      if (http == null) {
        http =
            HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
      }
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
      HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        resp.body().close();
        throw new MagicException(
            g
                + ":"
                + a
                + ":"
                + v
                + " ("
                + ext
                + ") is neither in "
                + localRepo
                + " nor on "
                + remote
                + " (HTTP "
                + resp.statusCode()
                + ")");
      }
      Files.createDirectories(local.getParent());
      Path tmp = Files.createTempFile(local.getParent(), a, ".part");
      try (InputStream in = resp.body()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return local;
    } catch (IOException e) {
      throw new MagicException(
          "cannot download "
              + g
              + ":"
              + a
              + ":"
              + v
              + " from "
              + url
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "). Are you offline? Put the jar under "
              + localRepo
              + " or add it with %jars PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MagicException("download of " + url + " was interrupted");
    } catch (IllegalArgumentException e) {
      throw new MagicException("bad Maven coordinates " + g + ":" + a + ":" + v);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
        return (Element) n;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element) {
        out.add((Element) nodes.item(i));
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element c = child(parent, name);
    return c == null ? "" : c.getTextContent().strip();
  }

  private record Artifact(
      String groupId, String artifactId, String version, String type, String classifier) {
    @Override
    public String toString() {
      return groupId + ":" + artifactId + ":" + version;
    }
  }

  private record Dependency(
      String groupId,
      String artifactId,
      String version,
      String scope,
      String type,
      String classifier,
      boolean optional,
      List<String> exclusions) {
    Dependency withVersion(String v) {
      return new Dependency(groupId, artifactId, v, scope, type, classifier, optional, exclusions);
    }
  }

  private record Pending(Artifact artifact, Set<String> exclusions, Map<String, String> managed) {}

  private static final class Model {
    final Map<String, String> properties = new LinkedHashMap<>();
    final Map<String, String> managed = new LinkedHashMap<>();
    final List<Dependency> dependencies = new ArrayList<>();
  }
}
