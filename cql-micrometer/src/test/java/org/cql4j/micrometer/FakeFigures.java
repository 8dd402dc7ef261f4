package org.cql4j.micrometer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.LatencyWindow;
import org.cql4j.session.observability.RequestMetrics;

/** The figures a session and a node share, set by a test. Not thread-safe. */
abstract class FakeFigures implements RequestMetrics {
  long queries;
  final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
  long retries;
  long speculative;
  long timeouts;
  long inFlight;
  long open;
  long opened;
  long closed;
  long connectTimeouts;
  long sent;
  long received;
  List<Double> recent = List.of();
  List<Double> lifetime = List.of();
  double mean;
  double one;
  double five;
  double fifteen;

  @Override
  public long queriesCount() {
    return queries;
  }

  @Override
  public long errorsCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public long errorsCount(ErrorKind kind) {
    return errors.getOrDefault(kind, 0L);
  }

  @Override
  public long retriesCount() {
    return retries;
  }

  @Override
  public long speculativeExecutionsCount() {
    return speculative;
  }

  @Override
  public long requestTimeoutsCount() {
    return timeouts;
  }

  @Override
  public long requestsInFlight() {
    return inFlight;
  }

  @Override
  public long connectionsOpen() {
    return open;
  }

  @Override
  public long connectionsOpened() {
    return opened;
  }

  @Override
  public long connectionsClosed() {
    return closed;
  }

  @Override
  public long connectionTimeoutsCount() {
    return connectTimeouts;
  }

  @Override
  public long bytesSent() {
    return sent;
  }

  @Override
  public long bytesReceived() {
    return received;
  }

  @Override
  public LatencySnapshot latency(LatencyWindow window) {
    return new FakeMetrics.Latencies(window == LatencyWindow.RECENT ? recent : lifetime);
  }

  @Override
  public double meanRate() {
    return mean;
  }

  @Override
  public double oneMinuteRate() {
    return one;
  }

  @Override
  public double fiveMinuteRate() {
    return five;
  }

  @Override
  public double fifteenMinuteRate() {
    return fifteen;
  }
}
