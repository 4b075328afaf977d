package vaecourse.grader.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NotebookJsonTest {

  @Test
  void writesLikeJupyterSortedKeysOneSpaceIndent() throws Exception {
    String text =
        "{\"b\": [1, {}], \"a\": {\"z\": \"\\u00e9\\n\\t\\\"<>&\", \"y\": []}, \"c\": 2.50}";
    // What Python's json.dumps(sort_keys=True, indent=1, ensure_ascii=False) gives for the same.
    String expected =
        "{\n \"a\": {\n  \"y\": [],\n  \"z\": \"é\\n\\t\\\"<>&\"\n },\n"
            + " \"b\": [\n  1,\n  {}\n ],\n \"c\": 2.50\n}\n";
    assertEquals(expected, NotebookJson.write(NotebookJson.parse(text)));
  }

  @Test
  void controlCharactersAreEscapedAsUnicode() throws Exception {
    assertEquals("\"\\u0001x\"\n", NotebookJson.write(NotebookJson.parse("\"\\u0001x\"")));
  }

  @Test
  void sameTreeSameBytes() throws Exception {
    String once = NotebookJson.write(NotebookJson.parse("{\"x\": [\"a\", 1, true, null]}"));
    assertEquals(once, NotebookJson.write(NotebookJson.parse(once)));
  }

  @Test
  void truncatedAndGarbageAreTold() {
    NotebookFormatException truncated =
        assertThrows(
            NotebookFormatException.class,
            () -> NotebookJson.parse("{\"cells\": [ {\"cell_type\": \"co"));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    NotebookFormatException garbage =
        assertThrows(
            NotebookFormatException.class, () -> NotebookJson.parse("hello, I am not json"));
    assertTrue(garbage.getMessage().contains("not JSON"), garbage.getMessage());
    NotebookFormatException trailing =
        assertThrows(NotebookFormatException.class, () -> NotebookJson.parse("{} {}"));
    assertTrue(trailing.getMessage().contains("not JSON"), trailing.getMessage());
    assertTrue(trailing.getMessage().contains("malformed JSON at line 1"), trailing.getMessage());
  }
}
