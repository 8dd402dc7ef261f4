package org.cql4j.cli.stress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cql4j.cli.StatementSplitter;

/**
 * Reads a workload script (docs/cli.md, "Workload scripts"). Stateless, thread-safe.
 *
 * <pre>
 * CREATE TABLE IF NOT EXISTS ks.kv (k bigint PRIMARY KEY, v text);   -- schema: runs once
 * &#64;gen k = zipf(1000000, 1.1);                                    -- a generator per marker
 * &#64;gen v = text(100);
 * &#64;op write 3 = INSERT INTO ks.kv (k, v) VALUES (:k, :v);         -- name, weight, statement
 * &#64;op read 1 = SELECT v FROM ks.kv WHERE k = :k;
 * </pre>
 */
public final class WorkloadParser {
  private static final Pattern GEN =
      Pattern.compile("@gen\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.+)", Pattern.DOTALL);
  private static final Pattern OP =
      Pattern.compile("@op\\s+([A-Za-z_][A-Za-z0-9_-]*)\\s*(\\d+)?\\s*=\\s*(.+)", Pattern.DOTALL);

  private WorkloadParser() {}

  /**
   * Parses a script.
   *
   * @param name the workload's name
   * @param script the script's text
   * @return the workload
   * @throws WorkloadException naming the line of the first error
   */
  public static Workload parse(String name, String script) {
    List<String> schema = new ArrayList<>();
    Map<String, String> generators = new LinkedHashMap<>();
    List<Workload.Operation> operations = new ArrayList<>();
    for (Statement statement : statements(script)) {
      String text = statement.text();
      int line = statement.line();
      if (text.startsWith("@gen")) {
        Matcher m = GEN.matcher(text);
        if (!m.matches()) {
          throw new WorkloadException(line, "write a generator as '@gen name = expression;'");
        }
        if (generators.put(m.group(1), m.group(2).strip()) != null) {
          throw new WorkloadException(line, "generator '" + m.group(1) + "' is defined twice");
        }
      } else if (text.startsWith("@op")) {
        Matcher m = OP.matcher(text);
        if (!m.matches()) {
          throw new WorkloadException(line, "write an operation as '@op name [weight] = CQL;'");
        }
        int weight = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        if (weight < 1) {
          throw new WorkloadException(line, "operation '" + m.group(1) + "' has weight 0");
        }
        for (Workload.Operation other : operations) {
          if (other.name().equals(m.group(1))) {
            throw new WorkloadException(line, "operation '" + m.group(1) + "' is defined twice");
          }
        }
        operations.add(new Workload.Operation(m.group(1), weight, m.group(3).strip(), line));
      } else if (text.startsWith("@")) {
        throw new WorkloadException(line, "unknown directive; use @gen or @op");
      } else {
        schema.add(text);
      }
    }
    if (operations.isEmpty()) {
      throw new WorkloadException(1, "the workload has no operation; add '@op name = CQL;'");
    }
    return new Workload(name, schema, generators, operations);
  }

  private record Statement(String text, int line) {}

  /** The script's statements, each with the line it starts on. */
  private static List<Statement> statements(String script) {
    List<Statement> statements = new ArrayList<>();
    StatementSplitter splitter = new StatementSplitter();
    String[] lines = script.split("\n", -1);
    int start = 1;
    for (int at = 0; at < lines.length; at++) {
      if (splitter.isEmpty()) {
        start = at + 1; // blank and comment lines before a statement do not count
      }
      for (String text : splitter.feed(lines[at])) {
        statements.add(new Statement(text, start));
        start = at + 1;
      }
    }
    Optional<String> last = splitter.flush();
    if (last.isPresent()) {
      statements.add(new Statement(last.get(), start));
    }
    return statements;
  }
}
