package org.cql4j.protocol.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;

/**
 * The {@code <query_parameters>} of a QUERY or EXECUTE (native_protocol_v4.spec §4.1.4,
 * native_protocol_v5.spec §4.1.4). Immutable and thread-safe as long as {@code values} is.
 *
 * <p>Each optional part is written only when present, and sets its flag: values (0x01, with names
 * 0x40), skip metadata (0x02), page size (0x04), paging state (0x08), serial consistency (0x10),
 * default timestamp (0x20), and in v5 only the keyspace (0x80) and now in seconds (0x100).
 *
 * @param consistency the consistency of the request
 * @param values the bound values ({@link BoundValues#EMPTY} for none)
 * @param skipMetadata ask for a Rows result without metadata (flag 0x02)
 * @param pageSize the page size in rows, or {@link #NO_PAGE_SIZE} for none (flag 0x04)
 * @param pagingState where to resume paging, or {@code null} (flag 0x08); not copied
 * @param serialConsistency the consistency of a conditional write's Paxos phase, or {@code null}
 *     for the server default SERIAL (flag 0x10)
 * @param defaultTimestamp the default write timestamp in microseconds, or {@link #NO_TIMESTAMP}
 *     (flag 0x20)
 * @param keyspace the keyspace the query runs in instead of the connection's, or {@code null} (v5
 *     flag 0x80)
 * @param nowInSeconds the time the server takes as now, in seconds since the epoch, or {@link
 *     #NO_NOW_IN_SECONDS} (v5 flag 0x100)
 */
public record QueryParameters(
    Consistency consistency,
    BoundValues values,
    boolean skipMetadata,
    int pageSize,
    byte[] pagingState,
    SerialConsistency serialConsistency,
    long defaultTimestamp,
    String keyspace,
    int nowInSeconds) {

  /** {@link #pageSize()} when no page size is sent. */
  public static final int NO_PAGE_SIZE = -1;

  /** {@link #defaultTimestamp()} when no default timestamp is sent. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** {@link #nowInSeconds()} when the server's own clock is used. */
  public static final int NO_NOW_IN_SECONDS = Integer.MIN_VALUE;

  /** Checks the required components. */
  public QueryParameters {
    Objects.requireNonNull(consistency, "consistency");
    Objects.requireNonNull(values, "values");
  }

  /**
   * Parameters without a keyspace or a time of their own (what protocol v4 can carry).
   *
   * @param consistency the consistency
   * @param values the bound values
   * @param skipMetadata ask for rows without metadata
   * @param pageSize the page size, or {@link #NO_PAGE_SIZE}
   * @param pagingState where to resume paging, or {@code null}
   * @param serialConsistency the serial consistency, or {@code null}
   * @param defaultTimestamp the default timestamp, or {@link #NO_TIMESTAMP}
   */
  public QueryParameters(
      Consistency consistency,
      BoundValues values,
      boolean skipMetadata,
      int pageSize,
      byte[] pagingState,
      SerialConsistency serialConsistency,
      long defaultTimestamp) {
    this(
        consistency,
        values,
        skipMetadata,
        pageSize,
        pagingState,
        serialConsistency,
        defaultTimestamp,
        null,
        NO_NOW_IN_SECONDS);
  }

  /** These parameters at another consistency. */
  public QueryParameters withConsistency(Consistency consistency) {
    return new QueryParameters(
        consistency,
        values,
        skipMetadata,
        pageSize,
        pagingState,
        serialConsistency,
        defaultTimestamp,
        keyspace,
        nowInSeconds);
  }

  /**
   * Parameters with only a consistency and values: no paging, no serial consistency, no timestamp.
   *
   * @param consistency the consistency
   * @param values the bound values
   * @return the parameters
   */
  public static QueryParameters of(Consistency consistency, BoundValues values) {
    return new QueryParameters(consistency, values, false, NO_PAGE_SIZE, null, null, NO_TIMESTAMP);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueryParameters p
        && consistency == p.consistency
        && values.equals(p.values)
        && skipMetadata == p.skipMetadata
        && pageSize == p.pageSize
        && Arrays.equals(pagingState, p.pagingState)
        && serialConsistency == p.serialConsistency
        && defaultTimestamp == p.defaultTimestamp
        && Objects.equals(keyspace, p.keyspace)
        && nowInSeconds == p.nowInSeconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        consistency,
        values,
        skipMetadata,
        pageSize,
        Arrays.hashCode(pagingState),
        serialConsistency,
        defaultTimestamp,
        keyspace,
        nowInSeconds);
  }

  @Override
  public String toString() {
    return "QueryParameters[consistency="
        + consistency
        + ", values="
        + values
        + ", skipMetadata="
        + skipMetadata
        + ", pageSize="
        + pageSize
        + ", pagingState="
        + (pagingState == null ? null : HexFormat.of().formatHex(pagingState))
        + ", serialConsistency="
        + serialConsistency
        + ", defaultTimestamp="
        + defaultTimestamp
        + (keyspace == null ? "" : ", keyspace=" + keyspace)
        + (nowInSeconds == NO_NOW_IN_SECONDS ? "" : ", nowInSeconds=" + nowInSeconds)
        + "]";
  }
}
