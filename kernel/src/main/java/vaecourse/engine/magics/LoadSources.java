package vaecourse.engine.magics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and reads what {@code %load NAME} runs, the way IJava does: {@code NAME} itself when it is
 * a file, else {@code NAME} with each of {@link #EXTENSIONS} in turn, else {@code NAME.ipynb}. A
 * relative name is resolved against the notebook's folder (the kernel's working directory). A
 * notebook contributes its code cells in order, magics and all; any other file is one piece.
 */
public final class LoadSources {
  /** Script extensions IJava tries, in its order; notebooks ({@code .ipynb}) come after them. */
  public static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava");

  /** The notebook extension, tried last. */
  public static final String NOTEBOOK = ".ipynb";

  private LoadSources() {}

  /**
   * A piece of loaded code.
   *
   * @param code the source, which may hold magics
   * @param cell the 1-based number of the notebook's code cell, or 0 for a script file
   */
  public record Piece(String code, int cell) {}

  /**
   * The file a name stands for.
   *
   * @param name what follows {@code %load}
   * @param base the folder relative names are resolved against
   * @throws MagicException listing every path tried when none exists
   */
  public static Path find(String name, Path base) throws MagicException {
    Path given = base.resolve(expandHome(name)).toAbsolutePath().normalize();
    if (Files.isRegularFile(given)) {
      return given;
    }
    List<Path> tried = new ArrayList<>();
    tried.add(given);
    String file = given.getFileName() == null ? "" : given.getFileName().toString();
    List<String> extensions = new ArrayList<>(EXTENSIONS);
    extensions.add(NOTEBOOK);
    for (String ext : extensions) {
      Path candidate = given.resolveSibling(file + ext);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    throw new MagicException(
        "cannot find '"
            + name
            + "' (relative names start in "
            + base.toAbsolutePath().normalize()
            + "); tried "
            + tried
            + ". Check the path, or give the file's extension");
  }

  /**
   * The code a file holds: every code cell of a notebook, or the whole of any other file.
   *
   * @throws MagicException when the file cannot be read or a notebook is not valid JSON
   */
  public static List<Piece> read(Path file) throws MagicException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MagicException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!file.getFileName().toString().endsWith(NOTEBOOK)) {
      return List.of(new Piece(text, 0));
    }
    List<Piece> pieces = new ArrayList<>();
    try {
      JsonElement cells = JsonParser.parseString(text).getAsJsonObject().get("cells");
      if (cells == null || !cells.isJsonArray()) {
        throw new MagicException(file + " is not a notebook: it has no \"cells\" list");
      }
      int codeCell = 0;
      for (JsonElement c : cells.getAsJsonArray()) {
        JsonObject cell = c.getAsJsonObject();
        JsonElement type = cell.get("cell_type");
        if (type == null || !type.getAsString().equals("code")) {
          continue;
        }
        codeCell++;
        pieces.add(new Piece(source(cell.get("source")), codeCell));
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new MagicException(
          file + " is not a valid notebook (" + e.getMessage() + "); open it in Jupyter to fix it",
          e);
    }
    return pieces;
  }

  /** nbformat stores a source as one string or as a list of lines. */
  private static String source(JsonElement source) {
    if (source == null || source.isJsonNull()) {
      return "";
    }
    if (source.isJsonArray()) {
      StringBuilder sb = new StringBuilder();
      source.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
      return sb.toString();
    }
    return source.getAsString();
  }

  private static String expandHome(String name) {
    return name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name;
  }
}
