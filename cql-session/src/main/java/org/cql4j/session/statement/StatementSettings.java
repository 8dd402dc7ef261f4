package org.cql4j.session.statement;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.regex.Pattern;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.session.observability.HistoryListener;
import org.cql4j.session.profile.ExecutionProfileHandle;

/**
 * The per-statement settings shared by {@link Statement}, {@link PreparedStatement} and {@link
 * Batch}. Thread-safe: every setting is a volatile field, so a statement may be configured on one
 * thread and executed on many; a change affects requests started after it.
 *
 * <p>A setting that is not set on the statement ({@code Optional.empty()}) comes from the
 * statement's {@link ExecutionProfileHandle}, or else from the session's default handle. Setters
 * return the statement itself, so calls can be chained.
 *
 * @param <S> the concrete statement type, returned by the setters
 */
public abstract sealed class StatementSettings<S extends StatementSettings<S>>
    permits Statement, PreparedStatement, Batch {

  /** The page size used when none is set: 5000 rows, as in the Rust driver. */
  public static final int DEFAULT_PAGE_SIZE = 5000;

  private volatile Consistency consistency;
  private volatile SerialConsistency serialConsistency;
  private volatile int pageSize = DEFAULT_PAGE_SIZE;
  private volatile Duration requestTimeout;
  private volatile long timestamp;
  private volatile boolean hasTimestamp;
  private volatile int nowInSeconds;
  private volatile boolean hasNowInSeconds;
  private volatile boolean tracing;
  private volatile boolean idempotent;
  private volatile ExecutionProfileHandle executionProfileHandle;
  private volatile HistoryListener historyListener;
  // for the session: bumped after every change; the settings last resolved, with their version
  private volatile int version;
  private volatile Object resolved;

  // Cassandra's rule for keyspace names (SchemaConstants.NAME_LENGTH): 1 to 48 word characters
  private static final Pattern KEYSPACE_NAME = Pattern.compile("\\w{1,48}");

  @SuppressWarnings("rawtypes")
  private static final AtomicIntegerFieldUpdater<StatementSettings> VERSION =
      AtomicIntegerFieldUpdater.newUpdater(StatementSettings.class, "version");

  StatementSettings() {}

  // after a change: cached resolutions of the old settings no longer apply
  @SuppressWarnings("unchecked")
  private S changed() {
    VERSION.incrementAndGet(this);
    return (S) this;
  }

  /** The version of the settings: changes after every setter. */
  final int version() {
    return version;
  }

  /** What the session last resolved from these settings (its own type), or null. */
  final Object resolved() {
    return resolved;
  }

  /** Keeps what the session resolved, for the next execution of these settings. */
  final void resolved(Object resolution) {
    resolved = resolution;
  }

  /**
   * Sets the consistency of this statement, overriding the execution profile's. Default: not set.
   *
   * @param consistency the consistency, or {@code null} to use the profile's again
   * @return this statement
   */
  public S setConsistency(Consistency consistency) {
    this.consistency = consistency;
    return changed();
  }

  /** The consistency set on this statement, or empty when the profile decides. Thread-safe. */
  public Optional<Consistency> getConsistency() {
    return Optional.ofNullable(consistency);
  }

  /**
   * Sets the serial consistency of this statement (for lightweight transactions), overriding the
   * execution profile's. Default: not set.
   *
   * @param serialConsistency the serial consistency, or {@code null} to use the profile's again
   * @return this statement
   */
  public S setSerialConsistency(SerialConsistency serialConsistency) {
    this.serialConsistency = serialConsistency;
    return changed();
  }

  /** The serial consistency set on this statement, or empty when the profile decides. */
  public Optional<SerialConsistency> getSerialConsistency() {
    return Optional.ofNullable(serialConsistency);
  }

  /**
   * Sets how many rows a page holds when the statement is paged. Default: {@value
   * #DEFAULT_PAGE_SIZE}. Ignored for batches, which return no pages.
   *
   * @param pageSize the number of rows per page, positive
   * @return this statement
   * @throws IllegalArgumentException if {@code pageSize} is not positive
   */
  public S setPageSize(int pageSize) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("page size must be positive, got " + pageSize);
    }
    this.pageSize = pageSize;
    return changed();
  }

  /** The page size: the value set, or {@value #DEFAULT_PAGE_SIZE}. Thread-safe. */
  public int getPageSize() {
    return pageSize;
  }

  /**
   * Sets the client-side request timeout of this statement, overriding the execution profile's.
   * Default: not set.
   *
   * @param requestTimeout the timeout, positive, or {@code null} to use the profile's again
   * @return this statement
   * @throws IllegalArgumentException if the timeout is zero or negative
   */
  public S setRequestTimeout(Duration requestTimeout) {
    if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
      throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
    }
    this.requestTimeout = requestTimeout;
    return changed();
  }

  /** The request timeout set on this statement, or empty when the profile decides. */
  public Optional<Duration> getRequestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  /**
   * Sets the write timestamp sent with the statement (native_protocol_v4.spec §4.1.4, flag 0x20).
   * Default: not set, the server assigns one.
   *
   * @param microsecondsSinceEpoch the timestamp in microseconds since the Unix epoch
   * @return this statement
   */
  public S setTimestamp(long microsecondsSinceEpoch) {
    this.timestamp = microsecondsSinceEpoch;
    this.hasTimestamp = true;
    return changed();
  }

  /**
   * Removes the timestamp set with {@link #setTimestamp(long)}, letting the server assign one.
   *
   * @return this statement
   */
  public S clearTimestamp() {
    this.hasTimestamp = false;
    return changed();
  }

  /** The timestamp set on this statement in microseconds since the epoch, or empty. */
  public OptionalLong getTimestamp() {
    // read the flag first: setTimestamp writes the value before the flag
    return hasTimestamp ? OptionalLong.of(timestamp) : OptionalLong.empty();
  }

  /**
   * Sets the time the server takes as "now" for this statement, in seconds since the Unix epoch
   * (native_protocol_v5.spec §4.1.4, flag 0x100): it decides which cells with a TTL are still live
   * on reads, and when the TTL of a write starts. Handy for tests and for repeatable reads of
   * expiring data. Default: not set, the server uses its clock.
   *
   * <p>Protocol v5 only: on a session that speaks v4 (ScyllaDB, or a pinned v4) the request fails
   * before it is sent with an {@link org.cql4j.session.errors.UnsupportedFeatureException}.
   *
   * @param epochSeconds the time in seconds since the Unix epoch, not negative
   * @return this statement
   * @throws IllegalArgumentException if {@code epochSeconds} is negative
   */
  public S setNowInSeconds(int epochSeconds) {
    if (epochSeconds < 0) {
      throw new IllegalArgumentException(
          "now in seconds must be seconds since the epoch, not negative, got " + epochSeconds);
    }
    this.nowInSeconds = epochSeconds;
    this.hasNowInSeconds = true;
    return changed();
  }

  /**
   * Removes the time set with {@link #setNowInSeconds(int)}, letting the server use its clock.
   *
   * @return this statement
   */
  public S clearNowInSeconds() {
    this.hasNowInSeconds = false;
    return changed();
  }

  /** The time set on this statement in seconds since the epoch, or empty. Thread-safe. */
  public OptionalInt getNowInSeconds() {
    // read the flag first: setNowInSeconds writes the value before the flag
    return hasNowInSeconds ? OptionalInt.of(nowInSeconds) : OptionalInt.empty();
  }

  /**
   * Asks the server to trace executions of this statement; the result's {@code tracingId()} then
   * names the trace. Default: false.
   *
   * @param tracing whether to trace
   * @return this statement
   */
  public S setTracing(boolean tracing) {
    this.tracing = tracing;
    return changed();
  }

  /** Whether executions are traced. Thread-safe. */
  public boolean isTracing() {
    return tracing;
  }

  /**
   * Declares that running the statement twice has the same effect as running it once, which lets
   * the retry and speculative execution policies resend it. Default: false.
   *
   * @param idempotent whether the statement is idempotent
   * @return this statement
   */
  public S setIdempotent(boolean idempotent) {
    this.idempotent = idempotent;
    return changed();
  }

  /** Whether the statement was declared idempotent. Thread-safe. */
  public boolean isIdempotent() {
    return idempotent;
  }

  /**
   * Sets the execution profile handle of this statement, which beats the session's default handle.
   * Default: not set.
   *
   * @param handle the handle, or {@code null} to use the session's default handle again
   * @return this statement
   */
  public S setExecutionProfileHandle(ExecutionProfileHandle handle) {
    this.executionProfileHandle = handle;
    return changed();
  }

  /** The execution profile handle set on this statement, or empty. Thread-safe. */
  public Optional<ExecutionProfileHandle> getExecutionProfileHandle() {
    return Optional.ofNullable(executionProfileHandle);
  }

  /**
   * Records what happens to this statement's requests, attempt by attempt (the Rust driver's {@code
   * set_history_listener}), e.g. into a {@link org.cql4j.session.observability.HistoryCollector}.
   * Default: none.
   *
   * @param listener the listener, or {@code null} for none
   * @return this statement
   */
  public S setHistoryListener(HistoryListener listener) {
    this.historyListener = listener;
    return changed();
  }

  /** The history listener set on this statement, or null. Thread-safe. */
  public HistoryListener getHistoryListener() {
    return historyListener;
  }

  /**
   * Copies every setting of {@code other} into this statement.
   *
   * @param other the statement to copy from
   */
  final void copySettingsFrom(StatementSettings<?> other) {
    Objects.requireNonNull(other, "other");
    consistency = other.consistency;
    serialConsistency = other.serialConsistency;
    pageSize = other.pageSize;
    requestTimeout = other.requestTimeout;
    timestamp = other.timestamp;
    hasTimestamp = other.hasTimestamp;
    nowInSeconds = other.nowInSeconds;
    hasNowInSeconds = other.hasNowInSeconds;
    tracing = other.tracing;
    idempotent = other.idempotent;
    executionProfileHandle = other.executionProfileHandle;
    historyListener = other.historyListener;
    changed();
  }

  /**
   * Checks a per-request keyspace name (of a {@link Statement} or a {@link Batch}).
   *
   * @param keyspace the name as the server stores it, or null for none
   * @return the name, or empty for null; the same instance for every request
   * @throws IllegalArgumentException if the name is not a valid keyspace name
   */
  static Optional<String> checkKeyspace(String keyspace) {
    if (keyspace == null) {
      return Optional.empty();
    }
    if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "invalid keyspace name '"
              + keyspace
              + "': use 1 to 48 letters, digits or underscores, without quotes, as the server"
              + " stores the name (lower case unless it was created quoted)");
    }
    return Optional.of(keyspace);
  }
}
