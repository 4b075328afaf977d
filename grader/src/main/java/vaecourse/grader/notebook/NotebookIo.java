package vaecourse.grader.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads notebooks strictly and writes them atomically in Jupyter's layout. */
public final class NotebookIo {
  /** Larger files are refused before parsing (a notebook of this course is well under). */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private NotebookIo() {}

  /**
   * Reads and checks a notebook file.
   *
   * @throws NotebookFormatException when the file is unreadable, too large, not UTF-8, not JSON,
   *     truncated, not nbformat 4, or has no cell list
   */
  public static Notebook read(Path file) throws NotebookFormatException {
    long size;
    byte[] bytes;
    try {
      size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new NotebookFormatException(
            "the file is "
                + size / (1024 * 1024)
                + " MB; notebooks over "
                + MAX_FILE_BYTES / (1024 * 1024)
                + " MB are refused (clear outputs and resubmit)");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NotebookFormatException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new NotebookFormatException("the file is not UTF-8 text, so it is not a notebook", e);
    }
    return parse(text);
  }

  /** Parses notebook text; see {@link #read(Path)}. */
  public static Notebook parse(String text) throws NotebookFormatException {
    if (text.isBlank()) {
      throw new NotebookFormatException("the file is empty, so it is not a notebook");
    }
    JsonElement root = NotebookJson.parse(text);
    if (!root.isJsonObject()) {
      throw new NotebookFormatException("the JSON is not an object, so it is not a notebook");
    }
    JsonObject o = root.getAsJsonObject();
    JsonElement format = o.get("nbformat");
    if (format == null || !format.isJsonPrimitive() || !format.getAsJsonPrimitive().isNumber()) {
      throw new NotebookFormatException(
          "the JSON has no \"nbformat\" number, so it is not a Jupyter notebook");
    }
    if (format.getAsInt() != 4) {
      throw new NotebookFormatException(
          "nbformat is "
              + format
              + " but only nbformat 4 is supported; open and save the"
              + " notebook in a current Jupyter to convert it");
    }
    JsonElement cells = o.get("cells");
    if (cells == null || !cells.isJsonArray()) {
      throw new NotebookFormatException("the notebook has no \"cells\" list");
    }
    for (int i = 0; i < cells.getAsJsonArray().size(); i++) {
      JsonElement c = cells.getAsJsonArray().get(i);
      if (!c.isJsonObject() || !c.getAsJsonObject().has("cell_type")) {
        throw new NotebookFormatException(
            "cell " + (i + 1) + " is not a cell object with a cell_type");
      }
    }
    return new Notebook(o);
  }

  /** Writes the notebook (temp file, then an atomic move), creating parent folders. */
  public static void write(Notebook notebook, Path file) throws IOException {
    AtomicWrite.writeString(file, notebook.toJsonText());
  }

  /** Atomic text file writes: a temp file beside the target, then a rename. */
  public static final class AtomicWrite {
    private AtomicWrite() {}

    /** Writes UTF-8 text so that readers see the old file or the new one, never half. */
    public static void writeString(Path file, String text) throws IOException {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
