package vaecourse.engine.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How %load finds a file (IJava's order) and what it reads from a notebook. */
class LoadSourcesTest {
  @TempDir Path dir;

  private Path touch(String rel) throws Exception {
    Path f = dir.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, rel);
    return f;
  }

  @Test
  void aNameWithoutExtensionTriesIJavasExtensionsThenNotebooks() throws Exception {
    Path notebook = touch("utils/imports.ipynb");
    Path java = touch("utils/imports.java");
    Path chapter = Files.createDirectories(dir.resolve("chapter"));
    assertEquals(java, LoadSources.find("../utils/imports", chapter));
    Path jshell = touch("utils/imports.jshell");
    assertEquals(jshell, LoadSources.find("../utils/imports", chapter));
    Path jsh = touch("utils/imports.jsh");
    assertEquals(jsh, LoadSources.find("../utils/imports", chapter));
    // The exact name wins over every extension.
    Path exact = touch("utils/imports");
    assertEquals(exact, LoadSources.find("../utils/imports", chapter));
    Files.delete(exact);
    Files.delete(jsh);
    Files.delete(jshell);
    Files.delete(java);
    assertEquals(notebook, LoadSources.find("../utils/imports", chapter));
    Path ijava = touch("utils/imports.ijava");
    assertEquals(ijava, LoadSources.find("../utils/imports", chapter));
  }

  @Test
  void aMissingNameListsEveryPathTried() {
    MagicException e =
        assertThrows(MagicException.class, () -> LoadSources.find("../utils/none", dir));
    for (String ext : List.of("", ".jsh", ".jshell", ".java", ".ijava", ".ipynb")) {
      assertTrue(
          e.getMessage().contains(dir.getParent().resolve("utils/none" + ext).toString()),
          e.getMessage());
    }
  }

  @Test
  void aNotebookGivesItsCodeCellsInOrderWithTheirNumbers() throws Exception {
    Path nb = dir.resolve("n.ipynb");
    Files.writeString(
        nb,
        "{\"cells\": ["
            + "{\"cell_type\": \"markdown\", \"source\": [\"# title\"]},"
            + "{\"cell_type\": \"code\", \"source\": [\"%jars a.jar\\n\", \"int x = 1;\"]},"
            + "{\"cell_type\": \"raw\", \"source\": \"skip\"},"
            + "{\"cell_type\": \"code\", \"source\": \"x + 1\"}],"
            + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
    assertEquals(
        List.of(
            new LoadSources.Piece("%jars a.jar\nint x = 1;", 1), new LoadSources.Piece("x + 1", 2)),
        LoadSources.read(nb));
  }

  @Test
  void aBrokenNotebookIsNamed() throws Exception {
    Path nb = dir.resolve("broken.ipynb");
    Files.writeString(nb, "{\"cells\": [");
    MagicException e = assertThrows(MagicException.class, () -> LoadSources.read(nb));
    assertTrue(e.getMessage().contains("broken.ipynb is not a valid notebook"), e.getMessage());
  }
}
