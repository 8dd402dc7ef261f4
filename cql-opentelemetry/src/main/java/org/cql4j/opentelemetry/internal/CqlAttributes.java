package org.cql4j.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.cql4j.protocol.errors.DbException;

/**
 * The span attributes cql4j sets, as constants (thread-safe): those of the OpenTelemetry database
 * semantic conventions (the stable {@code db.*}, {@code server.*} and {@code error.type}; the
 * Cassandra ones under their {@code db.cassandra.*} names) and cql4j's own under {@code cql4j.*}.
 */
public final class CqlAttributes {
  /** {@code db.system.name}: always {@value #CASSANDRA}. */
  public static final AttributeKey<String> DB_SYSTEM_NAME =
      AttributeKey.stringKey("db.system.name");

  /** The value of {@link #DB_SYSTEM_NAME}. */
  public static final String CASSANDRA = "cassandra";

  /** {@code db.namespace}: the keyspace, when known. */
  public static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");

  /** {@code db.collection.name}: the table, when known. */
  public static final AttributeKey<String> DB_COLLECTION_NAME =
      AttributeKey.stringKey("db.collection.name");

  /** {@code db.operation.name}: {@code SELECT}, {@code INSERT}, {@code BATCH}, ... */
  public static final AttributeKey<String> DB_OPERATION_NAME =
      AttributeKey.stringKey("db.operation.name");

  /** {@code db.query.text}: the CQL text, never the bound values. */
  public static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");

  /** {@code db.response.status_code}: the protocol error code of a server error, {@code 0x1001}. */
  public static final AttributeKey<String> DB_RESPONSE_STATUS_CODE =
      AttributeKey.stringKey("db.response.status_code");

  /** {@code db.cassandra.consistency_level}: {@code one}, {@code local_quorum}, ... */
  public static final AttributeKey<String> DB_CASSANDRA_CONSISTENCY_LEVEL =
      AttributeKey.stringKey("db.cassandra.consistency_level");

  /** {@code db.cassandra.idempotence}: whether the statement was declared idempotent. */
  public static final AttributeKey<Boolean> DB_CASSANDRA_IDEMPOTENCE =
      AttributeKey.booleanKey("db.cassandra.idempotence");

  /** {@code db.cassandra.speculative_execution_count}: speculative executions started, if any. */
  public static final AttributeKey<Long> DB_CASSANDRA_SPECULATIVE_EXECUTION_COUNT =
      AttributeKey.longKey("db.cassandra.speculative_execution_count");

  /** {@code db.cassandra.coordinator.id}: the host id of the node that answered. */
  public static final AttributeKey<String> DB_CASSANDRA_COORDINATOR_ID =
      AttributeKey.stringKey("db.cassandra.coordinator.id");

  /** {@code db.cassandra.coordinator.dc}: the datacenter of the node that answered. */
  public static final AttributeKey<String> DB_CASSANDRA_COORDINATOR_DC =
      AttributeKey.stringKey("db.cassandra.coordinator.dc");

  /** {@code server.address}: the node's address as the driver connects to it. */
  public static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey("server.address");

  /** {@code server.port}: the node's native port. */
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

  /** {@code error.type}: the protocol error code of a server error, else the exception's class. */
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** {@code cql4j.execution}: 0 for the first execution, 1 and up for speculative ones. */
  public static final AttributeKey<Long> CQL4J_EXECUTION = AttributeKey.longKey("cql4j.execution");

  /** {@code cql4j.attempt}: 0 for an execution's first attempt, 1 and up for its retries. */
  public static final AttributeKey<Long> CQL4J_ATTEMPT = AttributeKey.longKey("cql4j.attempt");

  /**
   * {@code cql4j.attempt.cancelled}: the attempt was abandoned when another one ended the request.
   */
  public static final AttributeKey<Boolean> CQL4J_ATTEMPT_CANCELLED =
      AttributeKey.booleanKey("cql4j.attempt.cancelled");

  private CqlAttributes() {}

  /**
   * Marks a span as failed the conventions' way: status ERROR with the error's message, an {@code
   * exception} event, {@code error.type}, and {@code db.response.status_code} for a server error.
   *
   * @param span the span, not yet ended
   * @param error what the operation failed with
   */
  public static void recordError(Span span, Throwable error) {
    String message = error.getMessage();
    span.setStatus(StatusCode.ERROR, message == null ? "" : message);
    span.recordException(error);
    if (error instanceof DbException db) {
      String code = "0x" + Integer.toHexString(db.code());
      span.setAttribute(DB_RESPONSE_STATUS_CODE, code);
      span.setAttribute(ERROR_TYPE, code);
    } else {
      span.setAttribute(ERROR_TYPE, error.getClass().getName());
    }
  }
}
