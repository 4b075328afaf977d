package vaecourse.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers one cell's output, per cell and per snippet, enforcing the output cap, and forwards it to
 * a live {@link OutputSink}. Thread-safe: user code may print from any thread.
 */
final class CellCollector {
  /** At most this many rich outputs per cell; a loop that displays forever is cut off too. */
  static final int MAX_DISPLAYS = 1000;

  private final long maxChars;
  private final OutputSink live;
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private final List<DisplayOutput> outputs = new ArrayList<>();
  private final List<SnippetResult> finished = new ArrayList<>();
  private long chars;
  private boolean truncated;

  private int snippetLine;
  private String snippetSource;
  private StringBuilder snippetOut;
  private StringBuilder snippetErr;
  private List<DisplayOutput> snippetOutputs;

  CellCollector(long maxChars, OutputSink live) {
    this.maxChars = maxChars;
    this.live = live;
  }

  synchronized void beginSnippet(int line, String source) {
    endSnippet();
    snippetLine = line;
    snippetSource = source;
    snippetOut = new StringBuilder();
    snippetErr = new StringBuilder();
    snippetOutputs = new ArrayList<>();
  }

  synchronized void endSnippet() {
    if (snippetSource != null) {
      finished.add(
          new SnippetResult(
              snippetLine,
              snippetSource,
              snippetOut.toString(),
              snippetErr.toString(),
              snippetOutputs));
      snippetSource = null;
    }
  }

  void stdout(String text) {
    write(text, false);
  }

  void stderr(String text) {
    write(text, true);
  }

  private void write(String text, boolean err) {
    String kept;
    String note = null;
    synchronized (this) {
      if (truncated || text.isEmpty()) {
        return;
      }
      kept = text;
      if (maxChars > 0 && chars + text.length() > maxChars) {
        kept = text.substring(0, (int) (maxChars - chars));
        truncated = true;
        note =
            "\n[output truncated: the cell printed more than "
                + maxChars
                + " characters; the rest was dropped]\n";
      }
      chars += kept.length();
      append(err, kept);
      if (note != null) {
        append(err, note);
      }
    }
    // Forward outside the lock so a slow client cannot block other printing threads' bookkeeping.
    if (!kept.isEmpty()) {
      forward(err, kept);
    }
    if (note != null) {
      forward(err, note);
    }
  }

  private void append(boolean err, String text) {
    (err ? stderr : stdout).append(text);
    if (snippetSource != null) {
      (err ? snippetErr : snippetOut).append(text);
    }
  }

  private void forward(boolean err, String text) {
    if (err) {
      live.stderr(text);
    } else {
      live.stdout(text);
    }
  }

  /** Records a rich output; returns false when the display cap dropped it. */
  boolean display(DisplayOutput output) {
    synchronized (this) {
      if (outputs.size() >= MAX_DISPLAYS) {
        truncated = true;
        return false;
      }
      outputs.add(output);
      if (snippetSource != null) {
        snippetOutputs.add(output);
      }
    }
    if (DisplayOutput.DISPLAY_DATA.equals(output.outputType())) {
      live.display(output);
    }
    return true;
  }

  /** Replaces the data of an output of this cell with the given display id, if there is one. */
  void updateDisplay(String displayId, Map<String, Object> data) {
    synchronized (this) {
      for (int i = 0; i < outputs.size(); i++) {
        DisplayOutput o = outputs.get(i);
        if (displayId.equals(o.displayId())) {
          outputs.set(i, o.withData(data));
        }
      }
    }
    live.updateDisplay(displayId, data);
  }

  synchronized boolean truncated() {
    return truncated;
  }

  synchronized String stdoutText() {
    return stdout.toString();
  }

  synchronized String stderrText() {
    return stderr.toString();
  }

  synchronized List<DisplayOutput> outputs() {
    return List.copyOf(outputs);
  }

  synchronized List<SnippetResult> snippets() {
    endSnippet();
    return List.copyOf(finished);
  }
}
