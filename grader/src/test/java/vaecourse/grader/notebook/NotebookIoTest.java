package vaecourse.grader.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.testing.Fixtures;

class NotebookIoTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsUnknownMetadataAndIds() throws Exception {
    Notebook nb = Fixtures.solution();
    nb.cells().get(0).metadata().addProperty("tags-of-another-tool", "kept");
    Path file = dir.resolve("a.ipynb");
    NotebookIo.write(nb, file);
    Notebook back = NotebookIo.read(file);
    assertEquals("kept", back.cells().get(0).metadata().get("tags-of-another-tool").getAsString());
    assertEquals("c1", back.cells().get(0).id().orElseThrow());
    assertEquals(Files.readString(file), back.toJsonText());
  }

  @Test
  void refusesWrongFormatsWithAReason() throws Exception {
    assertReason("{\"nbformat\": 3, \"cells\": []}", "nbformat is 3");
    assertReason("{\"cells\": []}", "no \"nbformat\"");
    assertReason("", "empty");
    assertReason("[1, 2]", "not an object");
    assertReason("{\"nbformat\": 4, \"cells\": [1]}", "cell 1");
    assertReason("{\"nbformat\": 4, \"metadata\": {}}", "no \"cells\"");
  }

  private void assertReason(String text, String expected) throws Exception {
    Path file = dir.resolve("x.ipynb");
    Files.writeString(file, text);
    NotebookFormatException e =
        assertThrows(NotebookFormatException.class, () -> NotebookIo.read(file));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void sourceIsStoredAsLinesLikeJupyter() {
    Cell c = Cell.of(Cell.Type.CODE, "a\nb\n");
    assertEquals(2, c.json().getAsJsonArray("source").size());
    assertEquals("a\nb\n", c.source());
  }
}
