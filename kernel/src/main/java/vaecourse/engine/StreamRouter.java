package vaecourse.engine;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err} with streams that deliver text to the cell
 * that is running (whatever thread prints), or to an idle sink between cells. The original streams
 * stay available, e.g. for the worker's protocol.
 */
final class StreamRouter {
  private final PrintStream originalOut;
  private final PrintStream originalErr;
  private final InputStream originalIn;
  private volatile CellCollector target;
  private volatile OutputSink idle = OutputSink.NONE;

  private StreamRouter() {
    originalOut = System.out;
    originalErr = System.err;
    originalIn = System.in;
  }

  /** Installs routing streams as {@code System.out/err} and an empty {@code System.in}. */
  static StreamRouter install() {
    StreamRouter router = new StreamRouter();
    System.setOut(new PrintStream(router.new Channel(false), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(router.new Channel(true), true, StandardCharsets.UTF_8));
    System.setIn(InputStream.nullInputStream());
    return router;
  }

  /** Puts the original streams back. */
  void uninstall() {
    System.out.flush();
    System.err.flush();
    System.setOut(originalOut);
    System.setErr(originalErr);
    System.setIn(originalIn);
  }

  PrintStream originalOut() {
    return originalOut;
  }

  void attach(CellCollector collector) {
    target = collector;
  }

  void detach() {
    System.out.flush();
    System.err.flush();
    target = null;
  }

  void setIdleSink(OutputSink sink) {
    idle = sink;
  }

  /** An output stream that decodes UTF-8 (keeping split multi-byte characters) and routes text. */
  private final class Channel extends OutputStream {
    private final boolean err;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Channel(boolean err) {
      this.err = err;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      String text;
      synchronized (this) {
        pending.write(b, off, len);
        byte[] bytes = pending.toByteArray();
        int complete = completePrefix(bytes);
        text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
      }
      deliver(text);
    }

    private void deliver(String text) {
      if (text.isEmpty()) {
        return;
      }
      CellCollector cell = target;
      if (cell != null) {
        if (err) {
          cell.stderr(text);
        } else {
          cell.stdout(text);
        }
      } else if (err) {
        idle.stderr(text);
      } else {
        idle.stdout(text);
      }
    }
  }

  /** Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
  static int completePrefix(byte[] bytes) {
    int n = bytes.length;
    // Look back at most 3 bytes for the lead byte of an unfinished sequence.
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // continuation byte: keep looking for its lead byte
      }
      int need = (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
      return need > back ? n - back : n;
    }
    return n;
  }
}
