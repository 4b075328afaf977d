package vaecourse.grader.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The {@code user} sandbox: no namespaces, but never root and no capabilities. */
class AsUserTest {
  @Test
  void theCommandDropsToTheUserUnderTheLimits() {
    List<String> cmd = Bubblewrap.asUser(List.of("java", "-version"), 61007, RunLimits.defaults());
    assertEquals(
        List.of(
            "setpriv",
            "--reuid=61007",
            "--regid=61007",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--no-new-privs",
            "--",
            "prlimit",
            "--core=0:0",
            "--nproc=512:512",
            "--fsize=268435456:268435456",
            "--",
            "java",
            "-version"),
        cmd);
  }

  @Test
  void asRootTheProcessRunsAsThatUserWithoutCapabilities() throws Exception {
    Assumptions.assumeTrue(
        Bubblewrap.runningAsRoot()
            && WorkerRunner.onPath("setpriv")
            && WorkerRunner.onPath("prlimit"),
        "needs root, setpriv and prlimit");
    List<String> cmd =
        Bubblewrap.asUser(
            List.of("cat", "/proc/self/status", "/proc/self/limits"), 61009, RunLimits.defaults());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    List<String> lines = out.lines().toList();
    assertTrue(lines.contains("Uid:\t61009\t61009\t61009\t61009"), out);
    for (String cap : List.of("CapPrm:", "CapEff:", "CapBnd:")) {
      assertTrue(lines.contains(cap + "\t0000000000000000"), cap + " in " + out);
    }
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("Max processes +512 +512 +processes *")), out);
  }
}
