package vaecourse.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassReportsTest {
  @TempDir Path dir;

  @Test
  void gradesCsvQuotesAndTotals() {
    String csv = ClassReports.gradesCsv(List.of(ReportSamples.alice()));
    assertEquals(
        "student,assignment,task,kind,score,max_score,status\n"
            + "alice,adder,add-test,autograded,2,2,passed\n"
            + "alice,adder,mul-test,autograded,0,3,failed\n"
            + "alice,adder,why,manual,,1,manual\n"
            + "alice,adder,TOTAL,autograded,2,5,WARNING [add-test]: test cell was edited\n",
        csv);
    assertEquals("\"a,\"\"b\"\"\"", ClassReports.csv("a,\"b\""));
    assertEquals("'=cmd()", ClassReports.csv("=cmd()"));
    assertEquals("-3.5", ClassReports.csv("-3.5"));
  }

  @Test
  void rebuiltFromRecordsIgnoringBrokenOnes() throws Exception {
    SubmissionResult r = ReportSamples.alice();
    Files.createDirectories(dir.resolve("adder/alice"));
    Files.writeString(dir.resolve("adder/alice/record.json"), r.toJson());
    Files.createDirectories(dir.resolve("adder/bob"));
    Files.writeString(dir.resolve("adder/bob/record.json"), "{\"half\": ");
    ClassReports.rebuild(dir);
    assertEquals(r, ClassReports.readAll(dir).get(0));
    assertEquals(5, Files.readString(dir.resolve("grades.csv")).lines().count());
    String md = Files.readString(dir.resolve("manual-grading.md"));
    assertTrue(md.contains("## adder / why"), md);
    assertTrue(md.contains("Score: ____ / 1"), md);
    assertTrue(
        Files.readString(dir.resolve("manual-grading.csv"))
            .contains("alice,adder,why,1,,\"Because, \"\"obviously\"\"\nit commutes.\"\n"));
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }
}
