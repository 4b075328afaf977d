package vaecourse.grader.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputCheckTest {
  private static final double ATOL = 1e-3;

  private static OutputCheck one(String json) {
    return OutputCheck.parseAll(JsonParser.parseString(json)).get(0);
  }

  @Test
  void numbersMatchTheLastOnesWithinTolerance() {
    OutputCheck c =
        one("{\"kind\": \"numbers\", \"expected\": [0.5, 1.25], \"atol\": " + ATOL + "}");
    assertTrue(c.failure("ND: (2) cpu() float32\n[0.5002, 1.2499]", List.of()).isEmpty());
    assertTrue(c.failure("[0.5, 1.3]", List.of()).orElseThrow().contains("number 2 is 1.3"));
    assertTrue(c.failure("0.5", List.of()).orElseThrow().contains("found 1"));
  }

  @Test
  void shapeRegexAndImage() {
    assertTrue(
        one("{\"kind\": \"shape\", \"expected\": [32, 2]}")
            .failure("ND: (32, 2) cpu() float32", List.of())
            .isEmpty());
    assertTrue(
        one("{\"kind\": \"shape\", \"expected\": [32, 2]}")
            .failure("ND: (32, 3)", List.of())
            .isPresent());
    assertTrue(
        one("{\"kind\": \"regex\", \"pattern\": \"^ELBO = -?\\\\d+\"}")
            .failure("step 1\nELBO = -93", List.of())
            .isEmpty());
    byte[] png = new byte[24];
    png[0] = (byte) 0x89;
    png[1] = 'P';
    png[2] = 'N';
    png[3] = 'G';
    png[19] = 28;
    png[23] = 14;
    String b64 = Base64.getEncoder().encodeToString(png);
    assertTrue(
        one("{\"kind\": \"image\", \"width\": 28, \"height\": 14}")
            .failure("", List.of(b64))
            .isEmpty());
    assertTrue(
        one("{\"kind\": \"image\", \"width\": 280}")
            .failure("", List.of(b64))
            .orElseThrow()
            .contains("28x14"));
  }

  @Test
  void malformedChecksNameTheRule() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> one("{\"kind\": \"colour\"}"));
    assertTrue(e.getMessage().contains("\"colour\""));
    assertThrows(
        IllegalArgumentException.class, () -> one("{\"kind\": \"regex\", \"pattern\": \"(\"}"));
    assertThrows(IllegalArgumentException.class, () -> one("{\"kind\": \"numbers\"}"));
    assertEquals(
        2,
        OutputCheck.parseAll(
                JsonParser.parseString(
                    "[{\"kind\": \"regex\", \"pattern\": \"a\"}, {\"kind\": \"shape\","
                        + " \"expected\": 3}]"))
            .size());
  }
}
