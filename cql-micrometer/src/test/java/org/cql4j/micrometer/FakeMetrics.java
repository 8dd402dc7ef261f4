package org.cql4j.micrometer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.session.Node;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.observability.NodeMetrics;
import org.cql4j.session.observability.QueryKind;

/** Figures a test sets by hand, with a session's nodes the test adds. Not thread-safe. */
final class FakeMetrics extends FakeFigures implements Metrics {
  final Map<QueryKind, Long> byKind = new EnumMap<>(QueryKind.class);
  private final Map<String, NodeMetrics> nodes = new ConcurrentHashMap<>();

  FakeNode addNode(String address) {
    FakeNode node = new FakeNode(address);
    nodes.put(address, node);
    return node;
  }

  @Override
  public long queriesCount(QueryKind kind) {
    return byKind.getOrDefault(kind, 0L);
  }

  @Override
  public long queriesCount() {
    return byKind.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public NodeMetrics node(Node node) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, NodeMetrics> nodes() {
    return Collections.unmodifiableMap(new TreeMap<>(nodes));
  }

  /** A node's figures. */
  static final class FakeNode extends FakeFigures implements NodeMetrics {
    private final String address;

    FakeNode(String address) {
      this.address = address;
    }

    @Override
    public String address() {
      return address;
    }
  }

  /** Latencies in milliseconds, percentiles by the nearest rank. */
  record Latencies(List<Double> values) implements LatencySnapshot {
    @Override
    public long count() {
      return values.size();
    }

    @Override
    public double averageMs() {
      return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    @Override
    public double maxMs() {
      return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    @Override
    public double percentileMs(double percentile) {
      if (values.isEmpty()) {
        return 0;
      }
      List<Double> sorted = new ArrayList<>(values);
      Collections.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100 * sorted.size());
      return sorted.get(Math.max(0, rank - 1));
    }
  }
}
