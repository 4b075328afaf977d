package vaecourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./course pdf} on a fixture with markdown math, a PNG and an HTML table: the PDF's text
 * holds the table's cells and typeset (not raw) math, and its rendering shows the PNG's colours.
 */
class PdfExportTest {
  /** Pixels of one colour of the fixture's PNG that page 1 must show (it has ~4,000 at 60 dpi). */
  private static final int MIN_COLOURED_PIXELS = 300;

  /** How far (per channel) a pixel may be from the fixture's colour. */
  private static final int COLOUR_TOLERANCE = 40;

  private static final long LIMIT_SECONDS = 180;

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String run(Path dir, List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "timed out: " + cmd);
    assertEquals(0, p.exitValue(), cmd + " failed:\n" + out);
    return out;
  }

  @Test
  void pdfShowsMathImageAndTable(@TempDir Path work) throws Exception {
    assumeTrue(
        onPath("chromium")
            && onPath("pdftotext")
            && onPath("pdftoppm")
            && JupyterRun.jupyterAvailable(),
        "chromium, poppler-utils or Jupyter's nbconvert is missing: skipping the PDF export test");
    Path courseHome = Path.of("").toAbsolutePath().getParent();
    Path notebook = work.resolve("pdf_fixture.ipynb");
    Files.copy(Path.of("src/test/resources/notebooks/pdf_fixture.ipynb"), notebook);

    run(
        work,
        List.of(
            "bash",
            "-c",
            "set -euo pipefail; export COURSE_HOME=\"$1\"; source \"$1/scripts/common.sh\";"
                + " source \"$1/scripts/kernel.sh\"; cmd_pdf \"$2\"",
            "pdf-test",
            courseHome.toString(),
            notebook.toString()));
    Path pdf = work.resolve("pdf_fixture.pdf");
    assertTrue(Files.size(pdf) > 0, "no PDF written");

    String text = run(work, List.of("pdftotext", pdf.toString(), "-"));
    for (String cell : List.of("epoch", "elbo", "alpha17", "-101.25", "beta42", "-98.5")) {
      assertTrue(text.contains(cell), "table cell " + cell + " missing from:\n" + text);
    }
    assertTrue(text.contains("PDF export check"), text);
    assertFalse(
        text.contains("\\begin{aligned}") || text.contains("\\mathrm") || text.contains("$$"),
        "math was not typeset:\n" + text);
    assertTrue(text.contains("∫"), "typeset integral sign missing:\n" + text);

    run(
        work,
        List.of(
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            pdf.toString(),
            work.resolve("page").toString()));
    Path page;
    try (var files = Files.list(work)) {
      page =
          files
              .filter(f -> f.getFileName().toString().startsWith("page"))
              .findFirst()
              .orElseThrow();
    }
    keepForInspection(page);
    BufferedImage img = ImageIO.read(page.toFile());
    assertTrue(count(img, 220, 40, 40) > MIN_COLOURED_PIXELS, "the PNG's red block is missing");
    assertTrue(count(img, 40, 60, 220) > MIN_COLOURED_PIXELS, "the PNG's blue block is missing");
  }

  private static int count(BufferedImage img, int r, int g, int b) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xff) - r) < COLOUR_TOLERANCE
            && Math.abs(((rgb >> 8) & 0xff) - g) < COLOUR_TOLERANCE
            && Math.abs((rgb & 0xff) - b) < COLOUR_TOLERANCE) {
          n++;
        }
      }
    }
    return n;
  }

  /** Leaves the rendered page in target/ so that a person can look at it. */
  private static void keepForInspection(Path page) throws IOException {
    Path keep = Path.of("target", "pdf-check");
    Files.createDirectories(keep);
    Files.copy(page, keep.resolve("pdf_fixture-page1.png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
