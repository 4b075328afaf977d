package vaecourse;

/**
 * Keeps library logging out of a notebook's error stream: slf4j-simple writes to {@code System.out}
 * at WARN. The same settings ship in {@code simplelogger.properties}; setting them here as well
 * covers class paths where another copy of that file wins.
 */
final class Logging {

  private Logging() {}

  static void quiet() {
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("ai.djl.offline", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
