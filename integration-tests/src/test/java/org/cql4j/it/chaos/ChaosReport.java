package org.cql4j.it.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The chaos suite's table: one row per fault, in Markdown, as docs/reliability.md shows it. */
final class ChaosReport {

  /** One fault's outcome. */
  record Row(PhaseStats stats, long lostWrites, Optional<Duration> recovery) {}

  private ChaosReport() {}

  static String table(List<Row> rows, String header) {
    StringBuilder out = new StringBuilder(header).append("\n\n");
    out.append(
        "| fault | requests | failed, by type | writes acknowledged | lost | wrong reads |"
            + " latest answer past the timeout | throughput back after |\n");
    out.append("|---|--:|---|--:|--:|--:|--:|--:|\n");
    for (Row row : rows) {
      PhaseStats stats = row.stats();
      out.append("| ")
          .append(stats.fault())
          .append(" | ")
          .append(String.format("%,d", stats.requests()))
          .append(" | ")
          .append(failures(stats.failures()))
          .append(" | ")
          .append(String.format("%,d", stats.writesAcknowledged()))
          .append(" | ")
          .append(row.lostWrites())
          .append(" | ")
          .append(stats.wrongAnswers().size())
          .append(" | ")
          .append(lateness(stats.worstLateness()))
          .append(" | ")
          .append(
              stats.faulted()
                  ? row.recovery().map(ChaosReport::seconds).orElse("not within the limit")
                  : "-")
          .append(" |\n");
    }
    return out.toString();
  }

  private static String failures(Map<String, Long> failures) {
    if (failures.isEmpty()) {
      return "none";
    }
    long total = failures.values().stream().mapToLong(Long::longValue).sum();
    return String.format("%,d: ", total)
        + failures.entrySet().stream()
            .map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
            .collect(Collectors.joining(", "));
  }

  private static String lateness(Duration worst) {
    return worst.isNegative() ? "none reached it" : worst.toMillis() + " ms";
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }
}
