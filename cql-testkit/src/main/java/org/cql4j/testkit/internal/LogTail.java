package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** Reads the last lines of a log file for error messages; stateless and thread-safe. */
public final class LogTail {
  private LogTail() {}

  /**
   * Returns the last lines of a file, framed with its path, or a note that it does not exist.
   *
   * @param file the log file
   * @param maxLines how many lines at most
   * @return text ready to append to an exception message
   */
  public static String of(Path file, int maxLines) {
    if (!Files.isRegularFile(file)) {
      return "(no " + file + ")";
    }
    Deque<String> last = new ArrayDeque<>(maxLines);
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEach(
          line -> {
            if (last.size() == maxLines) {
              last.removeFirst();
            }
            last.addLast(line);
          });
    } catch (IOException | RuntimeException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
    return "--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
  }
}
