package vaecourse.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Local JShell execution that runs each snippet on its own thread so that it can be stopped, keeps
 * the real result objects (JShell itself only sees a key, so rich display gets the object), and
 * keeps the real exception a snippet threw.
 *
 * <p>Every class JShell defines for a cell goes through {@link SnippetInstrumenter} on its way in,
 * so a stop request reaches the snippet at its next loop turn or method call ({@link StopCheck});
 * the snippet thread is also interrupted, which ends a sleep or a wait.
 */
final class UserCodeControl extends DirectExecutionControl {
  /** How often the waiting thread checks for a stop request. */
  private static final long POLL_MILLIS = 10;

  /**
   * After a stop, how long to wait for a thread that will not stop (stuck in native code or in a
   * library loop) before leaving it behind.
   */
  private static final long ABANDON_MILLIS = 1500;

  private final Map<String, Object> results = new ConcurrentHashMap<>();
  private final ThreadGroup group = new ThreadGroup("notebook-cells");
  private volatile boolean stopRequested;
  private volatile Throwable lastFailure;

  /** A provider handing JShell this very instance. */
  ExecutionControlProvider provider() {
    UserCodeControl self = this;
    return new ExecutionControlProvider() {
      @Override
      public String name() {
        return "notebook-local";
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return self;
      }
    };
  }

  /** Clears the stop flag and the kept results before a cell. */
  void reset() {
    stopRequested = false;
    StopCheck.clear();
    lastFailure = null;
    results.clear();
  }

  /** Asks the running snippet (and any later one in this cell) to stop. */
  void requestStop() {
    stopRequested = true;
    StopCheck.requestStop();
  }

  /** The result object stored under a key returned as a snippet's value, removing it. */
  Object takeResult(String key) {
    return key == null ? null : results.remove(key);
  }

  boolean hasResult(String key) {
    return key != null && results.containsKey(key);
  }

  void clearResults() {
    results.clear();
  }

  /** The exception the last snippet threw, removing it. */
  Throwable takeFailure() {
    Throwable t = lastFailure;
    lastFailure = null;
    return t;
  }

  /** Loads the cell's classes with their stop checks woven in. */
  @Override
  public void load(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    ClassBytecodes[] rewritten = new ClassBytecodes[cbcs.length];
    for (int i = 0; i < cbcs.length; i++) {
      rewritten[i] =
          new ClassBytecodes(cbcs[i].name(), SnippetInstrumenter.instrument(cbcs[i].bytecodes()));
    }
    super.load(rewritten);
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    Object[] value = new Object[1];
    Throwable[] thrown = new Throwable[1];
    Thread thread =
        new Thread(
            group,
            () -> {
              try {
                value[0] = doitMethod.invoke(null);
              } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
              } catch (Throwable e) {
                thrown[0] = e;
              }
            },
            "notebook-cell");
    thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
    thread.setDaemon(true);
    if (stopRequested) {
      throw new StoppedException();
    }
    thread.start();
    waitOrAbandon(thread);
    if (stopRequested) {
      throw new StoppedException();
    }
    if (thrown[0] != null) {
      lastFailure = thrown[0];
      throw new InvocationTargetException(thrown[0]);
    }
    String key = UUID.randomUUID().toString();
    results.put(key, value[0] == null ? NullValue.INSTANCE : value[0]);
    return key;
  }

  /**
   * Waits for the snippet thread; once a stop is requested, interrupts it, and leaves it behind
   * when it does not stop in time.
   */
  private void waitOrAbandon(Thread thread) throws InterruptedException {
    long stopSeen = 0;
    while (thread.isAlive()) {
      thread.join(POLL_MILLIS);
      if (stopRequested && thread.isAlive()) {
        long now = System.nanoTime();
        if (stopSeen == 0) {
          stopSeen = now;
          thread.interrupt(); // ends a sleep, a wait or interruptible I/O
        } else if (now - stopSeen > ABANDON_MILLIS * 1_000_000L) {
          return; // stuck outside cell code: the engine goes on without it
        }
      }
    }
  }

  @Override
  public void stop() {
    requestStop();
  }

  /** Marks a null result so that it can be stored in the concurrent map. */
  enum NullValue {
    INSTANCE
  }
}
