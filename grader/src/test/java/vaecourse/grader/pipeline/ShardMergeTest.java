package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

/**
 * A class graded in three shards and merged gives the files of one unsharded run, byte for byte.
 */
class ShardMergeTest {
  @TempDir Path dir;

  private Grader grader(Path results) {
    // A stopped clock: every run takes 0 s, so results.json and record.json repeat exactly.
    return new Grader(
            Map.of("adder", Submissions.source()),
            new WorkerRunner(Fixtures.fakeWorker(Duration.ofSeconds(60))),
            results,
            2,
            false,
            new PrintStream(new ByteArrayOutputStream(), true))
        .withHiddenVisibility("after_due_date")
        .withClock(() -> 0L);
  }

  private List<SubmissionFinder.Submission> theClass() throws IOException {
    Path subs = Files.createDirectories(dir.resolve("subs"));
    Submissions.write(Submissions.correct(), subs.resolve("alice.ipynb"));
    Submissions.write(Submissions.blank(), subs.resolve("bob.ipynb"));
    Files.writeString(subs.resolve("carol.ipynb"), "{\"cells\": [");
    Notebook other = Submissions.correct();
    other.setAssignment("another");
    Submissions.write(other, subs.resolve("dave.ipynb"));
    Submissions.write(
        Submissions.answer(
            Submissions.correct(), "mul-impl", "int mul(int a, int b) {\n  return a + b;\n}"),
        subs.resolve("erin.ipynb"));
    Submissions.write(
        Submissions.answer(Submissions.correct(), "why", "It just does, \"always\"."),
        Files.createDirectories(subs.resolve("frank")).resolve("adder.ipynb"));
    Submissions.write(
        Submissions.answer(Submissions.correct(), "add-test", "// passes"),
        subs.resolve("grace.ipynb"));
    return SubmissionFinder.find(List.of(subs), Set.of("adder"));
  }

  @Test
  void threeShardsMergedEqualOneRunByteForByte() throws Exception {
    List<SubmissionFinder.Submission> all = theClass();
    assertEquals(7, all.size());
    Path whole = dir.resolve("whole");
    grader(whole).gradeAll(all);

    List<Path> parts = new ArrayList<>();
    Set<String> graded = new HashSet<>();
    for (int i = 2; i >= 0; i--) {
      Shard shard = new Shard(i, 3);
      List<SubmissionFinder.Submission> mine = shard.select(all);
      assertTrue(mine.size() == 2 || mine.size() == 3, shard + ": " + mine.size());
      mine.forEach(s -> assertTrue(graded.add(s.student()), s.student() + " in two shards"));
      Path part = dir.resolve("part-" + i);
      Files.createDirectories(part);
      shard.writeMarker(part, mine);
      grader(part).gradeAll(mine);
      parts.add(part);
    }
    assertEquals(7, graded.size());
    Path merged = dir.resolve("merged");
    ShardMerge.merge(parts, merged, "after_due_date", new PrintStream(new ByteArrayOutputStream()));

    Map<String, byte[]> expected = files(whole);
    Map<String, byte[]> actual = files(merged);
    assertEquals(expected.keySet(), actual.keySet());
    assertEquals(
        7, expected.keySet().stream().filter(n -> n.endsWith("record.json")).count(), "records");
    assertTrue(expected.containsKey("grades.csv") && expected.containsKey("manual-grading.md"));
    for (String name : expected.keySet()) {
      assertArrayEquals(expected.get(name), actual.get(name), name);
    }
    String csv = Files.readString(merged.resolve("grades.csv"));
    assertTrue(csv.contains("bob,adder,mul-test,autograded,0,3,failed\n"), csv);
    assertTrue(csv.contains("frank,adder,TOTAL,autograded,5,5,"), csv);
    assertTrue(
        Files.readString(merged.resolve("adder/alice/results.json"))
            .contains("\"visibility\": \"after_due_date\""));
  }

  @Test
  void mergeRefusesAMissingOrRepeatedShard() throws Exception {
    List<SubmissionFinder.Submission> all = theClass();
    List<Path> parts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Shard shard = new Shard(i, 3);
      Path part = Files.createDirectories(dir.resolve("part-" + i));
      shard.writeMarker(part, shard.select(all));
      grader(part).gradeAll(shard.select(all));
      parts.add(part);
    }
    Path out = dir.resolve("out");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShardMerge.merge(parts, out, "after_published", quiet));
    assertEquals(
        "shard(s) [2/3] missing: merge needs all 3 shards of the split", missing.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShardMerge.merge(List.of(parts.get(0), parts.get(0)), out, "visible", quiet));
    assertTrue(twice.getMessage().contains("are both shard 0/3"), twice.getMessage());
    IllegalArgumentException notShard =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShardMerge.merge(List.of(dir.resolve("subs")), out, "visible", quiet));
    assertTrue(notShard.getMessage().contains("has no shard.json"), notShard.getMessage());
    assertEquals(
        "--shard \"3\" is not I/N (e.g. 0/3 is the first of three shards)",
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("3")).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/3"))
            .getMessage()
            .contains("0 <= I < N"));
  }

  /** Every file under a folder by relative path, shard markers left out. */
  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals(Shard.FILE)) {
          m.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return m;
  }
}
