package org.cql4j.cli.stress.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.cli.stress.report.StressReport.ErrorCount;
import org.cql4j.cli.stress.report.StressReport.OperationResult;
import org.cql4j.cli.stress.report.StressReport.Sample;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

  private static Latency latency(long count) {
    Map<Double, Double> p = new LinkedHashMap<>();
    double v = 100;
    for (double percentile : Latency.PERCENTILES) {
      p.put(percentile, v);
      v *= 1.5;
    }
    return new Latency(count, 123.5, p);
  }

  static StressReport sample() {
    OperationResult write = new OperationResult("write", 600, 1, 60.5, latency(600));
    OperationResult read = new OperationResult("read \"quoted\"", 400, 0, 40, latency(400));
    return new StressReport(
        "kv",
        "2026-12-07T10:00:00Z",
        "closed loop, 64 in flight, seed 1",
        "127.0.0.1:9042: 1 node(s) up in [datacenter1], protocol V5",
        10.25,
        1.5,
        400,
        new OperationResult("all", 1000, 1, 100.5, latency(1000)),
        List.of(write, read),
        List.of(new Sample(1, 99.5, 0, 100, 200, 300), new Sample(2, 101, 1, 110, 210, 5000)),
        Map.of("RequestTimeoutException", new ErrorCount(1, "timed out\nafter 2 s <html>")),
        Map.of("127.0.0.1:9042", 100.0));
  }

  @Test
  void aReportReadsBackAsWritten() {
    StressReport report = sample();
    assertThat(ReportJson.read(ReportJson.write(report))).isEqualTo(report);
  }

  @Test
  void somethingElseIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> ReportJson.read("{\"format\": 2}"))
        .hasMessage("not a cql4j stress report of format 1 (format: 2.0)");
    assertThatThrownBy(() -> ReportJson.read("{\"format\": 1, \"operations\": 3}"))
        .hasMessage("not a cql4j stress report: operations is missing");
    assertThatThrownBy(() -> ReportJson.read("{\"format\": 1,"))
        .hasMessageStartingWith("bad JSON at offset");
    assertThatThrownBy(() -> ReportJson.read("[1] x")).hasMessageContaining("unexpected text");
  }

  @Test
  void theHtmlReportDrawsEverySecondAndEscapesText() {
    String html = HtmlReport.render(sample());
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script");
    assertThat(html).contains("read &quot;quoted&quot;").contains("after 2 s &lt;html&gt;");
    // throughput: one line; latency: p50, p99, max; percentiles: one line per operation
    assertThat(html.split("<polyline", -1)).hasSize(1 + 1 + 3 + 2);
    String throughputLine = html.substring(html.indexOf("<polyline"));
    throughputLine = throughputLine.substring(0, throughputLine.indexOf("/>"));
    assertThat(throughputLine.split("points=\"")[1].split(" ")).hasSize(2);
  }
}
