package vaecourse.grader.execute;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * What running one cell gave, as the worker reported it (or {@code killed} when it reported
 * nothing).
 *
 * @param id the cell id sent to the worker
 * @param status ok, error, timeout, exit, oom, output_limit, interrupted or killed
 * @param stdout what the cell printed to System.out
 * @param stderr what the cell printed to System.err
 * @param outputs displays and results, each an nbformat output object
 * @param ename the error's name, empty when none
 * @param evalue the error's message, empty when none
 * @param traceback the error's trace lines
 */
public record CellOutcome(
    String id,
    String status,
    String stdout,
    String stderr,
    List<JsonObject> outputs,
    String ename,
    String evalue,
    List<String> traceback) {

  /** Status of a cell the worker never reported (process killed or crashed first). */
  public static final String KILLED = "killed";

  /** How a killed cell's message begins when its worker was stopped while it ran. */
  public static final String RUNNING_WHEN = "this cell was running when ";

  /** How a killed cell's message begins when it started the processes its worker was killed for. */
  public static final String STARTED_PROCESSES = "this cell started the processes: ";

  /** Copies the lists. */
  public CellOutcome {
    outputs = List.copyOf(outputs);
    traceback = List.copyOf(traceback);
  }

  /** A cell that got no protocol line; {@code why} says what stopped the worker. */
  public static CellOutcome killed(String id, String why) {
    return new CellOutcome(id, KILLED, "", "", List.of(), "Killed", why, List.of());
  }

  /** Whether the cell ran with status ok. */
  public boolean ok() {
    return "ok".equals(status);
  }

  /** A copy with stdout, stderr and text results cut to {@code max} characters each. */
  public CellOutcome limited(int max) {
    return new CellOutcome(
        id,
        status,
        cut(stdout, max),
        cut(stderr, max),
        outputs,
        ename,
        cut(evalue, max),
        traceback.size() > 50 ? traceback.subList(0, 50) : traceback);
  }

  /** The text cut to {@code max} characters with a note saying how much was dropped. */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "\n... [" + (text.length() - max) + " more characters cut]";
  }
}
