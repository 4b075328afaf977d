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
 */
final class UserCodeControl extends DirectExecutionControl {
  /** How often the waiting thread checks for a stop request. */
  private static final long POLL_MILLIS = 10;

  /** After a stop, how long to keep killing a thread that will not die before abandoning it. */
  private static final long ABANDON_MILLIS = 3000;

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
    lastFailure = null;
    results.clear();
  }

  /** Asks the running snippet (and any later one in this cell) to stop. */
  void requestStop() {
    stopRequested = true;
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
    waitOrKill(thread);
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
   * Waits for the snippet thread; once a stop is requested, kills it, and gives up after a while.
   */
  @SuppressWarnings({"deprecation", "removal"})
  private void waitOrKill(Thread thread) throws InterruptedException {
    long killStarted = 0;
    while (thread.isAlive()) {
      thread.join(POLL_MILLIS);
      if (stopRequested && thread.isAlive()) {
        long now = System.nanoTime();
        if (killStarted == 0) {
          killStarted = now;
        } else if (now - killStarted > ABANDON_MILLIS * 1_000_000L) {
          return; // stuck in native code or swallowing ThreadDeath: leave it, the engine goes on
        }
        // Thread.stop (JDK 17) is the one way to end `while (true) {}`; the REPL state it leaves
        // behind is what the user gets after an interrupt, as in the jshell tool. JDK 20+ refuse
        // it: then only an interrupt is sent and a thread that ignores it is abandoned.
        try {
          thread.stop();
        } catch (UnsupportedOperationException e) {
          thread.interrupt();
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
