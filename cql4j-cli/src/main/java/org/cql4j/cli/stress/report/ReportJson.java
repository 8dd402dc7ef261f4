package org.cql4j.cli.stress.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.cli.stress.report.StressReport.ErrorCount;
import org.cql4j.cli.stress.report.StressReport.OperationResult;
import org.cql4j.cli.stress.report.StressReport.Sample;

/**
 * A {@link StressReport} as JSON (docs/cli.md, "JSON output") and back. Latencies are in
 * microseconds. Stateless, thread-safe.
 */
public final class ReportJson {
  /** The format's version, written as {@code "format"}; a reader refuses other versions. */
  public static final int FORMAT = 1;

  private ReportJson() {}

  /**
   * Writes a report.
   *
   * @param r the report
   * @return the JSON text
   */
  public static String write(StressReport r) {
    StringBuilder o = new StringBuilder(4096);
    o.append("{\n  \"format\": ").append(FORMAT);
    field(o, "workload", r.workload());
    field(o, "started", r.started());
    field(o, "settings", r.settings());
    field(o, "target", r.target());
    o.append(",\n  \"seconds\": ");
    Json.number(o, r.seconds());
    o.append(",\n  \"cpuMicrosPerOp\": ");
    Json.number(o, r.cpuMicrosPerOp());
    o.append(",\n  \"rows\": ").append(r.rows());
    o.append(",\n  \"all\": ");
    operation(o, r.all());
    o.append(",\n  \"operations\": [");
    for (int i = 0; i < r.operations().size(); i++) {
      o.append(i == 0 ? "\n    " : ",\n    ");
      operation(o, r.operations().get(i));
    }
    o.append("\n  ],\n  \"series\": [");
    for (int i = 0; i < r.series().size(); i++) {
      Sample s = r.series().get(i);
      o.append(i == 0 ? "\n    " : ",\n    ").append("[");
      double[] values = {s.second(), s.throughput(), s.errors(), s.p50(), s.p99(), s.max()};
      for (int v = 0; v < values.length; v++) {
        Json.number(v == 0 ? o : o.append(", "), values[v]);
      }
      o.append(']');
    }
    o.append("\n  ],\n  \"errors\": {");
    String sep = "\n    ";
    for (Map.Entry<String, ErrorCount> e : r.errors().entrySet()) {
      Json.string(o.append(sep), e.getKey()).append(": {\"count\": ").append(e.getValue().count());
      Json.string(o.append(", \"example\": "), e.getValue().example()).append('}');
      sep = ",\n    ";
    }
    o.append("},\n  \"requestsByNode\": {");
    sep = "";
    for (Map.Entry<String, Double> e : r.requestsByNode().entrySet()) {
      Json.number(Json.string(o.append(sep), e.getKey()).append(": "), e.getValue());
      sep = ", ";
    }
    return o.append("}\n}\n").toString();
  }

  /**
   * Reads a report written by {@link #write}.
   *
   * @param json the JSON text
   * @return the report
   * @throws IllegalArgumentException if the text is not a report of this format
   */
  public static StressReport read(String json) {
    Map<String, Object> m = map(Json.parse(json), "the document");
    Object format = m.get("format");
    if (!(format instanceof Double f) || f.intValue() != FORMAT) {
      throw new IllegalArgumentException(
          "not a cql4j stress report of format " + FORMAT + " (format: " + format + ")");
    }
    List<OperationResult> operations = new ArrayList<>();
    for (Object op : list(m.get("operations"), "operations")) {
      operations.add(operation(op));
    }
    List<Sample> series = new ArrayList<>();
    for (Object s : list(m.get("series"), "series")) {
      List<Object> v = list(s, "a sample");
      series.add(
          new Sample(
              num(v.get(0)),
              num(v.get(1)),
              (long) num(v.get(2)),
              num(v.get(3)),
              num(v.get(4)),
              num(v.get(5))));
    }
    Map<String, ErrorCount> errors = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(m.get("errors"), "errors").entrySet()) {
      Map<String, Object> c = map(e.getValue(), "an error count");
      errors.put(e.getKey(), new ErrorCount((long) num(c.get("count")), (String) c.get("example")));
    }
    Map<String, Double> byNode = new LinkedHashMap<>();
    map(m.get("requestsByNode"), "requestsByNode").forEach((k, v) -> byNode.put(k, num(v)));
    return new StressReport(
        (String) m.get("workload"),
        (String) m.get("started"),
        (String) m.get("settings"),
        (String) m.get("target"),
        num(m.get("seconds")),
        num(m.get("cpuMicrosPerOp")),
        (long) num(m.get("rows")),
        operation(m.get("all")),
        operations,
        series,
        errors,
        byNode);
  }

  private static void field(StringBuilder o, String name, String value) {
    Json.string(o.append(",\n  \"").append(name).append("\": "), value == null ? "" : value);
  }

  private static void operation(StringBuilder o, OperationResult r) {
    Json.string(o.append("{\"name\": "), r.name());
    o.append(", \"ops\": ").append(r.ops()).append(", \"errors\": ").append(r.errors());
    Json.number(o.append(", \"throughput\": "), r.throughput());
    Json.number(o.append(", \"mean\": "), r.latency().mean());
    for (Map.Entry<Double, Double> p : r.latency().percentiles().entrySet()) {
      Json.number(o.append(", \"").append(Latency.label(p.getKey())).append("\": "), p.getValue());
    }
    o.append('}');
  }

  private static OperationResult operation(Object value) {
    Map<String, Object> m = map(value, "an operation");
    long ops = (long) num(m.get("ops"));
    Map<Double, Double> percentiles = new LinkedHashMap<>();
    for (double p : Latency.PERCENTILES) {
      percentiles.put(p, num(m.get(Latency.label(p))));
    }
    return new OperationResult(
        (String) m.get("name"),
        ops,
        (long) num(m.get("errors")),
        num(m.get("throughput")),
        new Latency(ops, num(m.get("mean")), percentiles));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("not a cql4j stress report: " + what + " is missing");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value, String what) {
    if (!(value instanceof List)) {
      throw new IllegalArgumentException("not a cql4j stress report: " + what + " is missing");
    }
    return (List<Object>) value;
  }

  private static double num(Object value) {
    if (!(value instanceof Double d)) {
      throw new IllegalArgumentException("not a cql4j stress report: a number is missing");
    }
    return d;
  }
}
