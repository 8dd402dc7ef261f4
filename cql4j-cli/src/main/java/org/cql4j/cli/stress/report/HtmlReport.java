package org.cql4j.cli.stress.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cql4j.cli.stress.report.StressReport.OperationResult;
import org.cql4j.cli.stress.report.StressReport.Sample;

/**
 * A {@link StressReport} as one self-contained HTML page: the settings, the summary table, and
 * charts of throughput and latency over time and of the latency percentiles (inline SVG; no script,
 * nothing fetched). Stateless, thread-safe.
 */
public final class HtmlReport {
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};

  private HtmlReport() {}

  /**
   * Renders a report.
   *
   * @param r the report
   * @return the HTML page
   */
  public static String render(StressReport r) {
    StringBuilder h = new StringBuilder(32_768);
    h.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>cql4j stress: ")
        .append(Html.escape(r.workload()))
        .append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:960px}")
        .append("table{border-collapse:collapse;margin:8px 0 20px}")
        .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}")
        .append("dt{font-weight:bold;float:left;width:110px}dd{margin:0 0 4px 120px}")
        .append("</style></head><body>\n");
    h.append("<h1>cql4j stress: ").append(Html.escape(r.workload())).append("</h1>\n<dl>\n");
    item(h, "Target", r.target());
    item(h, "Settings", r.settings());
    item(h, "Measured", r.measured());
    if (!r.requestsByNode().isEmpty()) {
      item(h, "Requests", r.requests());
    }
    h.append(
        "</dl>\n<h2>Latency (ms)</h2>\n<table><tr><th>operation</th><th>op/s</th><th>errors</th><th>mean</th>");
    for (double p : Latency.PERCENTILES) {
      h.append("<th>").append(Latency.label(p)).append("</th>");
    }
    h.append("</tr>\n");
    tableRow(h, r.all());
    if (r.operations().size() > 1) {
      r.operations().forEach(op -> tableRow(h, op));
    }
    h.append("</table>\n");
    charts(h, r);
    if (!r.errors().isEmpty()) {
      h.append("<h2>Errors</h2>\n<table><tr><th>kind</th><th>count</th><th>example</th></tr>\n");
      r.errors()
          .forEach(
              (kind, e) ->
                  h.append("<tr><td>")
                      .append(Html.escape(kind))
                      .append("</td><td>")
                      .append(String.format(Locale.ROOT, "%,d", e.count()))
                      .append("</td><td style=\"text-align:left\">")
                      .append(Html.escape(e.example()))
                      .append("</td></tr>\n"));
      h.append("</table>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void charts(StringBuilder h, StressReport r) {
    List<Sample> series = r.series();
    double[] xs = new double[series.size()];
    double[] throughput = new double[xs.length];
    double[] p50 = new double[xs.length];
    double[] p99 = new double[xs.length];
    double[] max = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      Sample s = series.get(i);
      xs[i] = s.second();
      throughput[i] = s.throughput();
      p50[i] = s.p50() / 1000;
      p99[i] = s.p99() / 1000;
      max[i] = s.max() / 1000;
    }
    h.append("<h2>Over time</h2>\n")
        .append(
            SvgChart.draw(
                "Throughput",
                "time (s)",
                "operations per second",
                xs,
                null,
                List.of(new SvgChart.Line("op/s", COLORS[0], throughput)),
                false))
        .append(
            SvgChart.draw(
                "Latency",
                "time (s)",
                "latency (ms, log scale)",
                xs,
                null,
                List.of(
                    new SvgChart.Line("p50", COLORS[2], p50),
                    new SvgChart.Line("p99", COLORS[1], p99),
                    new SvgChart.Line("max", COLORS[3], max)),
                true));
    double[] ranks = new double[Latency.PERCENTILES.length];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = i;
    }
    List<SvgChart.Line> lines = new ArrayList<>();
    List<OperationResult> ops = r.operations().size() > 1 ? r.operations() : List.of(r.all());
    for (int o = 0; o < ops.size(); o++) {
      double[] values = new double[ranks.length];
      for (int i = 0; i < ranks.length; i++) {
        values[i] = ops.get(o).latency().at(Latency.PERCENTILES[i]) / 1000;
      }
      lines.add(new SvgChart.Line(ops.get(o).name(), COLORS[o % COLORS.length], values));
    }
    String[] labels = new String[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      labels[i] = Latency.label(Latency.PERCENTILES[i]);
    }
    h.append("<h2>Latency percentiles</h2>\n")
        .append(
            SvgChart.draw(
                "Latency by percentile",
                "percentile",
                "latency (ms, log scale)",
                ranks,
                labels,
                lines,
                true));
  }

  private static void item(StringBuilder h, String term, String value) {
    h.append("<dt>").append(term).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
  }

  private static void tableRow(StringBuilder h, OperationResult op) {
    h.append("<tr><td>").append(Html.escape(op.name())).append("</td>");
    h.append(
        String.format(
            Locale.ROOT,
            "<td>%,.0f</td><td>%,d</td><td>%.3f</td>",
            op.throughput(),
            op.errors(),
            op.latency().mean() / 1000));
    for (double p : Latency.PERCENTILES) {
      h.append(String.format(Locale.ROOT, "<td>%.3f</td>", op.latency().at(p) / 1000));
    }
    h.append("</tr>\n");
  }
}
