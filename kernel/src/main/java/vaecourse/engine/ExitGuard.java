package vaecourse.engine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.Permission;
import java.util.function.IntPredicate;

/**
 * Traps {@code System.exit} and {@code Runtime.halt} from notebook code so that the process keeps
 * running and the cell is reported with status exit.
 *
 * <p>Java 17 offers one robust hook for this: a {@link SecurityManager} whose {@code checkExit}
 * throws (it also catches exits from libraries, reflection and other threads). This one allows
 * every other permission, so it is no sandbox. Java 17 allows installing it at run time; Java 18
 * and later refuse unless the JVM was started with {@code -Djava.security.manager=allow}, and then
 * exit is not trapped and {@link #install} returns false.
 */
final class ExitGuard extends SecurityManager {
  private static volatile ExitGuard installed;
  private final IntPredicate onExit;
  private volatile boolean exitAllowed;

  private ExitGuard(IntPredicate onExit) {
    this.onExit = onExit;
  }

  /**
   * Installs the guard once per process. {@code onExit} hears of every exit and says whether to
   * trap it (the engine traps exits only while a cell runs, so tools around it can still exit).
   *
   * @return whether exits are trapped
   */
  @SuppressWarnings("removal")
  static synchronized boolean install(IntPredicate onExit) {
    if (installed != null) {
      return true;
    }
    ExitGuard guard = new ExitGuard(onExit);
    Runnable restore = silenceDeprecationWarning();
    try {
      System.setSecurityManager(guard);
      installed = guard;
      return true;
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    } finally {
      restore.run();
    }
  }

  /**
   * Java 17 prints a four-line deprecation warning to the process's original stderr ({@code
   * System.initialErrStream}) on {@code setSecurityManager}, even with {@code
   * -Djava.security.manager=allow}. A notebook run must keep stderr clean, so that stream is
   * swapped for a silent one while the guard is installed (through {@code sun.misc.Unsafe}, the one
   * way to write a private static field of {@code java.lang.System} without {@code --add-opens}).
   * If that is not possible the warning is printed and nothing else changes.
   *
   * @return puts the original stream back
   */
  private static Runnable silenceDeprecationWarning() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
      theUnsafe.setAccessible(true);
      Object unsafe = theUnsafe.get(null);
      Field field = System.class.getDeclaredField("initialErrStream");
      Object base = unsafeClass.getMethod("staticFieldBase", Field.class).invoke(unsafe, field);
      long offset =
          (long) unsafeClass.getMethod("staticFieldOffset", Field.class).invoke(unsafe, field);
      Method get = unsafeClass.getMethod("getObjectVolatile", Object.class, long.class);
      Method put =
          unsafeClass.getMethod("putObjectVolatile", Object.class, long.class, Object.class);
      Object original = get.invoke(unsafe, base, offset);
      put.invoke(unsafe, base, offset, new PrintStream(OutputStream.nullOutputStream()));
      return () -> {
        try {
          put.invoke(unsafe, base, offset, original);
        } catch (ReflectiveOperationException e) {
          // the silent stream stays: only JDK deprecation warnings would have gone there
        }
      };
    } catch (ReflectiveOperationException | RuntimeException e) {
      return () -> {};
    }
  }

  /** Lets the process exit from now on (the kernel or worker shutting down). */
  static void allowExit() {
    ExitGuard guard = installed;
    if (guard != null) {
      guard.exitAllowed = true;
    }
  }

  /** Traps exits again (tests). */
  static void trapExit() {
    ExitGuard guard = installed;
    if (guard != null) {
      guard.exitAllowed = false;
    }
  }

  static boolean isInstalled() {
    return installed != null;
  }

  @Override
  public void checkExit(int status) {
    if (exitAllowed) {
      return;
    }
    if (onExit.test(status)) {
      throw new ExitTrappedException(status);
    }
  }

  @Override
  public void checkPermission(Permission perm) {
    // Everything but exit is allowed: the guard is not a sandbox.
  }

  @Override
  public void checkPermission(Permission perm, Object context) {
    // Everything but exit is allowed.
  }
}
