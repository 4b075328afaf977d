package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.report.SubmissionResult;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

class GraderTest {
  private static final double EXACT = 0.0;

  @TempDir Path dir;

  private Grader grader(Path results, boolean force, ByteArrayOutputStream log) {
    return new Grader(
        Map.of("adder", Submissions.source()),
        new WorkerRunner(Fixtures.fakeWorker(Duration.ofSeconds(60))),
        results,
        2,
        force,
        new PrintStream(log, true));
  }

  @Test
  void gradesAClassWritesEveryReportAndSkipsFinishedOnes() throws Exception {
    Path subs = dir.resolve("subs");
    Files.createDirectories(subs);
    Submissions.write(Submissions.correct(), subs.resolve("alice.ipynb"));
    Submissions.write(Submissions.blank(), subs.resolve("bob.ipynb"));
    Files.writeString(subs.resolve("carol.ipynb"), "{\"cells\": [");
    Notebook other = Submissions.correct();
    other.setAssignment("another");
    Submissions.write(other, subs.resolve("dave.ipynb"));
    Path results = dir.resolve("results");
    List<SubmissionFinder.Submission> found = SubmissionFinder.find(List.of(subs), Set.of("adder"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<SubmissionResult> r = grader(results, false, log).gradeAll(found);

    assertEquals(5.0, r.get(0).score(), EXACT);
    assertEquals(5.0, r.get(0).maxScore(), EXACT);
    assertEquals(1.0, r.get(0).manualMaxScore(), EXACT);
    assertEquals(0.0, r.get(1).score(), EXACT);
    assertEquals(0.0, r.get(2).score(), EXACT);
    assertTrue(r.get(2).flags().get(0).message().contains("truncated"));
    assertTrue(r.get(3).flags().get(0).message().contains("for assignment \"another\""));
    for (String s : List.of("alice", "bob", "carol", "dave")) {
      Path folder = results.resolve("adder").resolve(s);
      assertTrue(Files.isRegularFile(folder.resolve("results.json")), s);
      assertTrue(Files.isRegularFile(folder.resolve("feedback.html")), s);
      assertTrue(Files.isRegularFile(folder.resolve("record.json")), s);
    }
    String csv = Files.readString(results.resolve("grades.csv"));
    assertTrue(csv.contains("alice,adder,add-test,autograded,2,2,passed\n"), csv);
    assertTrue(csv.contains("bob,adder,TOTAL,autograded,0,5,"), csv);
    String manual = Files.readString(results.resolve("manual-grading.md"));
    assertTrue(manual.contains("Because + commutes on int."), manual);
    assertTrue(
        Files.readString(results.resolve("manual-grading.csv"))
            .contains("alice,adder,why,1,,Because + commutes on int.\n"));

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    grader(results, false, again).gradeAll(found);
    assertEquals(
        4, again.toString().lines().filter(l -> l.startsWith("skip")).count(), again.toString());
    ByteArrayOutputStream forced = new ByteArrayOutputStream();
    grader(results, true, forced).gradeAll(found.subList(0, 1));
    assertTrue(forced.toString().startsWith("graded adder/alice: 5 / 5"), forced.toString());
  }

  @Test
  void classFilesAreRebuiltFromRecordsAfterACrash() throws Exception {
    Path subs = dir.resolve("subs");
    Files.createDirectories(subs);
    Submissions.write(Submissions.correct(), subs.resolve("alice.ipynb"));
    Path results = dir.resolve("results");
    grader(results, false, new ByteArrayOutputStream())
        .gradeAll(SubmissionFinder.find(List.of(subs), Set.of("adder")));
    Files.delete(results.resolve("grades.csv"));
    // A grader killed before its final rebuild: the next run rebuilds from the records.
    Submissions.write(Submissions.blank(), subs.resolve("bob.ipynb"));
    grader(results, false, new ByteArrayOutputStream())
        .gradeAll(SubmissionFinder.find(List.of(subs.resolve("bob.ipynb")), Set.of("adder")));
    String csv = Files.readString(results.resolve("grades.csv"));
    assertTrue(csv.contains("alice,adder,TOTAL"), csv);
    assertTrue(csv.contains("bob,adder,TOTAL"), csv);
  }
}
