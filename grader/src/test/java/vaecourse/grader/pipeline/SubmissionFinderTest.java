package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionFinderTest {
  @TempDir Path dir;

  @Test
  void studentIdsFromFileOrFolderNames() throws Exception {
    Files.createDirectories(dir.resolve("subs/bob"));
    Files.writeString(dir.resolve("subs/alice.ipynb"), "{}");
    Files.writeString(dir.resolve("subs/bob/adder.ipynb"), "{}");
    Files.writeString(dir.resolve("subs/bob/notes.txt"), "x");
    Files.writeString(dir.resolve("subs/c d!.ipynb"), "{}");
    List<SubmissionFinder.Submission> s =
        SubmissionFinder.find(List.of(dir.resolve("subs")), Set.of("adder"));
    assertEquals(List.of("alice", "bob", "c_d_"), s.stream().map(x -> x.student()).toList());
    assertNull(s.get(0).ownFolder());
    assertEquals(dir.resolve("subs/bob").toAbsolutePath(), s.get(1).ownFolder());
    assertEquals(
        "bob",
        SubmissionFinder.find(List.of(dir.resolve("subs/bob/adder.ipynb")), Set.of("adder"))
            .get(0)
            .student());
  }
}
