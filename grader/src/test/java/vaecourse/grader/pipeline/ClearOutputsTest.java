package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;

class ClearOutputsTest {

  @Test
  void outputsCountsAndRunMetadataGo() {
    Notebook nb = Notebook.empty();
    Cell c = nb.add(Cell.of(Cell.Type.CODE, "1"));
    c.json().add("outputs", JsonParser.parseString("[{\"output_type\": \"stream\"}]"));
    c.json().addProperty("execution_count", 7);
    c.metadata().add("execution", JsonParser.parseString("{\"iopub.status.busy\": \"x\"}"));
    c.metadata().addProperty("tags", "kept");
    new ClearOutputs().apply(new SourceContext("x.ipynb", nb));
    assertEquals(0, c.outputs().size());
    assertTrue(c.json().get("execution_count").isJsonNull());
    assertFalse(c.metadata().has("execution"));
    assertTrue(c.metadata().has("tags"));
  }
}
