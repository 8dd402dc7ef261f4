package org.cql4j.it.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every line of the {@code org.cql4j} loggers at TRACE between {@link #start()} and {@link
 * #stop()}, and renders them as searchable lines, for tests that look for secrets in them.
 */
final class DriverLogCapture {
  private final Logger driverLog = (Logger) LoggerFactory.getLogger("org.cql4j");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level levelBefore;

  /** Sets the driver's loggers to TRACE and starts capturing. */
  void start() {
    levelBefore = driverLog.getLevel();
    driverLog.setLevel(Level.TRACE);
    logged.start();
    driverLog.addAppender(logged);
  }

  /** Stops capturing and restores the level. */
  void stop() {
    driverLog.detachAppender(logged);
    driverLog.setLevel(levelBefore);
  }

  /** The events captured so far. */
  List<ILoggingEvent> events() {
    return List.copyOf(logged.list);
  }

  /** The events as lines; see {@link #of(List)}. */
  List<String> lines() {
    return of(logged.list);
  }

  /**
   * The driver's lines: level, logger, thread, message, MDC and every throwable's class, message
   * and frames (causes and suppressed ones too); the test kit's own loggers (the proxy) are test
   * infrastructure and left out.
   *
   * @param events the captured events
   * @return one line per event
   */
  private static List<String> of(List<ILoggingEvent> events) {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(events)) {
      if (event.getLoggerName().startsWith("org.cql4j.testkit")) {
        continue;
      }
      StringBuilder line =
          new StringBuilder()
              .append(event.getLevel())
              .append(' ')
              .append(event.getLoggerName())
              .append(" [")
              .append(event.getThreadName())
              .append("] ")
              .append(event.getFormattedMessage())
              .append(' ')
              .append(event.getMDCPropertyMap());
      appendThrowable(line, event.getThrowableProxy(), 0);
      lines.add(line.toString());
    }
    return lines;
  }

  private static void appendThrowable(StringBuilder line, IThrowableProxy t, int depth) {
    if (t == null || depth > 10) {
      return;
    }
    line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    if (t.getStackTraceElementProxyArray() != null) {
      for (var frame : t.getStackTraceElementProxyArray()) {
        line.append(" at ").append(frame.getSTEAsString());
      }
    }
    appendThrowable(line, t.getCause(), depth + 1);
    if (t.getSuppressed() != null) {
      for (IThrowableProxy suppressed : t.getSuppressed()) {
        appendThrowable(line, suppressed, depth + 1);
      }
    }
  }
}
