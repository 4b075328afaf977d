package vaecourse.grader.pipeline;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vaecourse.grader.notebook.NotebookIo.AtomicWrite;

/**
 * The {@code index}-th of {@code count} shards of a class (counted from 0, as a Kubernetes Indexed
 * Job numbers its pods). The submissions are put in a fixed order (student id, file name, path) and
 * dealt out in turn, so every pod given the same submissions picks the same ones and the shards
 * differ in size by at most one. A shard's results folder holds {@value #FILE}, which names the
 * shard and its submissions, for {@code merge}.
 *
 * @param index which shard, 0 to count - 1
 * @param count how many shards
 */
public record Shard(int index, int count) {
  /** The marker file of a shard's results folder. */
  public static final String FILE = "shard.json";

  /** Checks the numbers. */
  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard "
              + index
              + "/"
              + count
              + " does not exist: write I/N with N >= 1 and 0 <= I < N (I counts from 0)");
    }
  }

  /**
   * Reads {@code I/N}, e.g. {@code 0/3}.
   *
   * @throws IllegalArgumentException naming the text when it is not of that form
   */
  public static Shard parse(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length == 2) {
      try {
        return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "--shard \"" + text + "\" is not I/N (e.g. 0/3 is the first of three shards)");
  }

  /** The text {@code I/N}. */
  @Override
  public String toString() {
    return index + "/" + count;
  }

  /** The submissions of this shard, in the fixed order. */
  public List<SubmissionFinder.Submission> select(List<SubmissionFinder.Submission> all) {
    List<SubmissionFinder.Submission> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparing(SubmissionFinder.Submission::student)
            .thenComparing(s -> s.file().getFileName().toString())
            .thenComparing(s -> s.file().toAbsolutePath().normalize().toString()));
    List<SubmissionFinder.Submission> mine = new ArrayList<>();
    for (int i = index; i < sorted.size(); i += count) {
      mine.add(sorted.get(i));
    }
    return mine;
  }

  /** Writes {@value #FILE} into a shard's results folder. */
  public void writeMarker(Path resultsDir, List<SubmissionFinder.Submission> mine)
      throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("shard", index);
    o.addProperty("of", count);
    JsonArray subs = new JsonArray();
    for (SubmissionFinder.Submission s : mine) {
      subs.add(s.student() + " " + s.file());
    }
    o.add("submissions", subs);
    AtomicWrite.writeString(
        resultsDir.resolve(FILE),
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n");
  }

  /**
   * A shard's marker as read back.
   *
   * @param shard the shard
   * @param submissions how many submissions it was given
   */
  public record Marker(Shard shard, int submissions) {}

  /**
   * Reads the marker of a shard's results folder.
   *
   * @throws IllegalArgumentException naming the folder when it has none or it is broken
   */
  public static Marker readMarker(Path resultsDir) throws IOException {
    Path file = resultsDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          resultsDir
              + " has no "
              + FILE
              + ": it is not the results folder of a `grade --shard I/N` run; give merge those"
              + " folders");
    }
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      return new Marker(
          new Shard(o.get("shard").getAsInt(), o.get("of").getAsInt()),
          o.getAsJsonArray("submissions").size());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is broken (" + e.getMessage() + "); grade that shard again with --force", e);
    }
  }
}
