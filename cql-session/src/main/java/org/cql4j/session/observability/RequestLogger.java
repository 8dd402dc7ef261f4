package org.cql4j.session.observability;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.session.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RequestListener} that logs slow and failed requests, and on demand every successful one,
 * through SLF4J (the Java driver's {@code RequestLogger}). Thread-safe: its settings are immutable,
 * and the attempts of retried or speculated requests are counted in a concurrent map.
 *
 * <p>It writes to the logger {@value #LOGGER_NAME}: a successful request slower than {@link
 * Builder#slowThreshold(Duration) the threshold} at WARN, a failed request at WARN (the application
 * gets the exception too and decides whether it is an error), and with {@link
 * Builder#logSuccessfulRequests(boolean)} every other successful request at INFO. A line names the
 * request kind, its CQL text (whitespace collapsed, truncated), keyspace, consistency, latency, the
 * coordinator or the error, and the attempts and speculative executions when there were more than
 * one and any:
 *
 * <pre>{@code
 * Slow request (1204 ms > 1000 ms): EXECUTE "SELECT v FROM ks.kv WHERE k = ?" [keyspace=ks,
 *     consistency=QUORUM, coordinator=127.0.0.1:9042, attempts=2, speculative executions=1]
 * Request failed (12 ms): EXECUTE "SELECT v FROM ks.kv WHERE k = ?" [keyspace=ks,
 *     consistency=QUORUM, attempts=2]: DbException: Operation timed out - received only 1 ...
 * }</pre>
 *
 * <p>Bound values are never logged ({@link RequestDescription} gives no access to them); values
 * written into the CQL text itself are part of the text. Nothing is formatted unless a line is
 * logged: a fast successful request costs a comparison, a retried or speculated one an entry in a
 * map until it completes.
 *
 * <pre>{@code
 * Session session =
 *     Session.builder()
 *         .knownNodes(contactPoints)
 *         .requestListener(RequestLogger.builder().slowThreshold(Duration.ofMillis(200)).build())
 *         .build();
 * }</pre>
 */
public final class RequestLogger implements RequestListener {

  /** The name of the logger the lines go to. */
  public static final String LOGGER_NAME = "org.cql4j.session.observability.RequestLogger";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  // A count kept longer than this belongs to a request that ended without telling (an attempt
  // error reported just as another execution completed it): dropped at the next sweep.
  private static final long STALE_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final long SWEEP_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final long slowNanos;
  private final boolean logSuccessfulRequests;
  private final boolean logErrors;
  private final int maxQueryLength;
  private final boolean logStackTraces;
  // only requests that were retried or speculated have an entry: the common request adds nothing
  private final ConcurrentHashMap<RequestDescription, Retries> retried = new ConcurrentHashMap<>();
  private volatile long lastSweepNanos = System.nanoTime();

  private RequestLogger(Builder builder) {
    this.slowNanos = saturatedNanos(builder.slowThreshold);
    this.logSuccessfulRequests = builder.logSuccessfulRequests;
    this.logErrors = builder.logErrors;
    this.maxQueryLength = builder.maxQueryLength;
    this.logStackTraces = builder.logStackTraces;
  }

  /**
   * A builder with the defaults: slow from 1 s, errors logged, successes not, CQL cut at 500
   * characters, no stack traces.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** What happened to a request beyond its first attempt. Thread-safe. */
  private static final class Retries {
    final long createdNanos;
    final AtomicInteger moreAttempts = new AtomicInteger();
    final AtomicInteger speculative = new AtomicInteger();

    Retries(long createdNanos) {
      this.createdNanos = createdNanos;
    }
  }

  @Override
  public void onAttemptStart(RequestDescription request, Node node, int execution) {
    if (!retried.isEmpty()) {
      Retries retries = retried.get(request);
      if (retries != null) {
        retries.moreAttempts.incrementAndGet(); // after an error or a speculative execution
      }
    }
  }

  @Override
  public void onAttemptError(
      RequestDescription request, Node node, int execution, Duration latency, Throwable error) {
    retries(request); // the next attempt, if any, is a retry
  }

  @Override
  public void onSpeculativeExecution(RequestDescription request, int execution) {
    retries(request).speculative.incrementAndGet();
  }

  @Override
  public void onSuccess(RequestDescription request, Duration latency, Node coordinator) {
    Retries retries = retried.isEmpty() ? null : retried.remove(request);
    long nanos = latency.toNanos();
    if (nanos > slowNanos) {
      if (LOG.isWarnEnabled()) {
        StringBuilder line = new StringBuilder("Slow request (");
        appendMillis(line, nanos).append(" > ");
        appendMillis(line, slowNanos).append("): ");
        describe(line, request, coordinator, retries);
        LOG.warn(line.toString());
      }
    } else if (logSuccessfulRequests && LOG.isInfoEnabled()) {
      StringBuilder line = new StringBuilder("Request succeeded (");
      appendMillis(line, nanos).append("): ");
      describe(line, request, coordinator, retries);
      LOG.info(line.toString());
    }
  }

  @Override
  public void onError(RequestDescription request, Duration latency, Throwable error) {
    Retries retries = retried.isEmpty() ? null : retried.remove(request);
    if (!logErrors || !LOG.isWarnEnabled()) {
      return;
    }
    StringBuilder line = new StringBuilder("Request failed (");
    appendMillis(line, latency.toNanos()).append("): ");
    describe(line, request, null, retries);
    line.append(": ").append(errorName(error));
    if (error.getMessage() != null) {
      line.append(": ").append(error.getMessage());
    }
    if (logStackTraces) {
      LOG.warn(line.toString(), error);
    } else {
      LOG.warn(line.toString());
    }
  }

  private Retries retries(RequestDescription request) {
    Retries retries = retried.get(request);
    if (retries != null) {
      return retries;
    }
    long now = System.nanoTime();
    if (now - lastSweepNanos > SWEEP_EVERY_NANOS) {
      lastSweepNanos = now;
      retried.values().removeIf(r -> now - r.createdNanos > STALE_NANOS);
    }
    return retried.computeIfAbsent(request, r -> new Retries(now));
  }

  // KIND "cql" [keyspace=ks, consistency=ONE, coordinator=host:port, attempts=2, ...]
  private void describe(
      StringBuilder line, RequestDescription request, Node coordinator, Retries retries) {
    line.append(request.kind()).append(" \"");
    appendCql(line, request.cql());
    line.append("\" [");
    request.keyspace().ifPresent(ks -> line.append("keyspace=").append(ks).append(", "));
    line.append("consistency=").append(request.consistency());
    if (coordinator != null) {
      line.append(", coordinator=");
      appendAddress(line, coordinator.address());
    }
    if (retries != null) {
      int attempts = 1 + retries.moreAttempts.get();
      if (attempts > 1) {
        line.append(", attempts=").append(attempts);
      }
      int speculative = retries.speculative.get();
      if (speculative > 0) {
        line.append(", speculative executions=").append(speculative);
      }
    }
    line.append(']');
  }

  // one line, whatever the statement's layout: runs of whitespace become one space
  private void appendCql(StringBuilder line, String cql) {
    String text = cql.strip();
    int kept = 0;
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space) {
        if (kept == maxQueryLength) {
          line.append("...");
          return;
        }
        line.append(' ');
        kept++;
        space = false;
      }
      if (kept == maxQueryLength) {
        line.append("...");
        return;
      }
      line.append(c);
      kept++;
    }
  }

  private static void appendAddress(StringBuilder line, InetSocketAddress address) {
    line.append(
            address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress())
        .append(':')
        .append(address.getPort());
  }

  private static StringBuilder appendMillis(StringBuilder line, long nanos) {
    return line.append(TimeUnit.NANOSECONDS.toMillis(nanos)).append(" ms");
  }

  private static String errorName(Throwable error) {
    String simple = error.getClass().getSimpleName();
    return simple.isEmpty() ? error.getClass().getName() : simple;
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // about 292 years: never slow
    }
  }

  @Override
  public String toString() {
    return "RequestLogger[slowThreshold="
        + Duration.ofNanos(slowNanos)
        + ", logSuccessfulRequests="
        + logSuccessfulRequests
        + ", logErrors="
        + logErrors
        + ", maxQueryLength="
        + maxQueryLength
        + ", logStackTraces="
        + logStackTraces
        + "]";
  }

  /** Configures a {@link RequestLogger}; not thread-safe. */
  public static final class Builder {
    private Duration slowThreshold = Duration.ofSeconds(1);
    private boolean logSuccessfulRequests;
    private boolean logErrors = true;
    private int maxQueryLength = 500;
    private boolean logStackTraces;

    private Builder() {}

    /**
     * Successful requests that take longer than this are logged at WARN. Default: 1 second.
     *
     * @param slowThreshold the latency, from the request's start (retries included), above which a
     *     request is slow; {@link Duration#ZERO} makes every successful request slow
     * @return this builder
     * @throws IllegalArgumentException if {@code slowThreshold} is negative
     */
    public Builder slowThreshold(Duration slowThreshold) {
      Objects.requireNonNull(slowThreshold, "slowThreshold");
      if (slowThreshold.isNegative()) {
        throw new IllegalArgumentException("slowThreshold must not be negative: " + slowThreshold);
      }
      this.slowThreshold = slowThreshold;
      return this;
    }

    /**
     * Whether every successful request that is not slow is logged, at INFO. Default: {@code false}.
     *
     * @param logSuccessfulRequests {@code true} to log every successful request
     * @return this builder
     */
    public Builder logSuccessfulRequests(boolean logSuccessfulRequests) {
      this.logSuccessfulRequests = logSuccessfulRequests;
      return this;
    }

    /**
     * Whether failed requests are logged, at WARN, with the error's class and message. Default:
     * {@code true}.
     *
     * @param logErrors {@code false} to log no failed request
     * @return this builder
     */
    public Builder logErrors(boolean logErrors) {
      this.logErrors = logErrors;
      return this;
    }

    /**
     * How many characters of the CQL text a line shows; longer texts are cut and end with {@code
     * "..."}. Default: 500.
     *
     * @param maxQueryLength the number of characters kept, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxQueryLength} is less than 1
     */
    public Builder maxQueryLength(int maxQueryLength) {
      if (maxQueryLength < 1) {
        throw new IllegalArgumentException("maxQueryLength must be at least 1: " + maxQueryLength);
      }
      this.maxQueryLength = maxQueryLength;
      return this;
    }

    /**
     * Whether the line of a failed request carries the error's stack trace. Default: {@code false}
     * (the class and message only).
     *
     * @param logStackTraces {@code true} to log stack traces
     * @return this builder
     */
    public Builder logStackTraces(boolean logStackTraces) {
      this.logStackTraces = logStackTraces;
      return this;
    }

    /**
     * Builds the logger, to register with {@code SessionBuilder.requestListener}.
     *
     * @return a new request logger
     */
    public RequestLogger build() {
      return new RequestLogger(this);
    }
  }
}
