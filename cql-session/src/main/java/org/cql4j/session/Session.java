package org.cql4j.session;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.dao.DaoSupport;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/**
 * A connection to a whole cluster: pools of connections to every node, the topology kept current,
 * and statements executed with the execution profile's policies. Thread-safe: share one session per
 * cluster across the application.
 *
 * <p><b>Values.</b> Every method that takes {@code values} accepts "a row of bound values": a
 * {@code @Row} record (its generated serializer matches components to bind markers), {@link
 * Values#of(Object...)}, a {@code List<?>} or {@code Object[]} (by position), a {@code Map<String,
 * ?>} (by marker name), a hand-written {@link org.cql4j.protocol.serialize.SerializeRow}, or {@link
 * Values#EMPTY}. Values are type-checked against the prepared bind markers before anything is sent;
 * a mismatch fails with a {@link org.cql4j.protocol.serialize.SerializationException} naming the
 * marker, its CQL type and the Java type. An unprepared statement with values is prepared first
 * (the server must know the markers' types).
 *
 * <p><b>Sync and async.</b> Every blocking method has an {@code ...Async} twin returning a {@link
 * CompletableFuture}. Futures complete on the driver's I/O threads: keep callbacks short and never
 * call a blocking method from one (it throws {@link IllegalStateException} rather than deadlock).
 *
 * <p><b>Errors.</b> A server error is a {@link org.cql4j.protocol.errors.DbException}; client-side
 * failures are the exceptions of {@code org.cql4j.session.errors}. After {@link #close()}, every
 * call throws {@link org.cql4j.session.errors.SessionClosedException}.
 */
public interface Session extends AutoCloseable {

  /**
   * Starts configuring a session.
   *
   * @return a new builder
   */
  static SessionBuilder builder() {
    return new SessionBuilder();
  }

  // ---- unprepared statements ----

  /**
   * Runs a statement and returns all its rows in one response (no paging). Use it for statements
   * that return few rows or none; for large results use {@link #queryIter}.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @return completes with the result
   */
  CompletableFuture<QueryResult> queryUnpagedAsync(Statement statement, Object values);

  /**
   * Runs CQL text; see {@link #queryUnpagedAsync(Statement, Object)}.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @return completes with the result
   */
  default CompletableFuture<QueryResult> queryUnpagedAsync(String cql, Object values) {
    return queryUnpagedAsync(new Statement(cql), values);
  }

  /**
   * Runs a statement and waits for all its rows; see {@link #queryUnpagedAsync(Statement, Object)}.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @return the result
   */
  default QueryResult queryUnpaged(Statement statement, Object values) {
    return BlockingCalls.await(queryUnpagedAsync(statement, values));
  }

  /**
   * Runs CQL text and waits for all its rows.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @return the result
   */
  default QueryResult queryUnpaged(String cql, Object values) {
    return BlockingCalls.await(queryUnpagedAsync(cql, values));
  }

  /**
   * Runs CQL text without values and waits for all its rows.
   *
   * @param cql the CQL text
   * @return the result
   */
  default QueryResult queryUnpaged(String cql) {
    return queryUnpaged(cql, Values.EMPTY);
  }

  /**
   * Runs a statement without values and waits for all its rows.
   *
   * @param statement the statement
   * @return the result
   */
  default QueryResult queryUnpaged(Statement statement) {
    return queryUnpaged(statement, Values.EMPTY);
  }

  /**
   * Fetches one page of a statement's rows (the statement's page size, default 5,000).
   *
   * @param statement the statement
   * @param values the row of bound values
   * @param pagingState {@link PagingState#start()}, or the state of the previous page
   * @return completes with the page and the state to fetch the next one
   */
  CompletableFuture<QueryPage> querySinglePageAsync(
      Statement statement, Object values, PagingState pagingState);

  /**
   * Fetches one page of CQL text's rows; see {@link #querySinglePageAsync(Statement, Object,
   * PagingState)}.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @param pagingState where to start
   * @return completes with the page
   */
  default CompletableFuture<QueryPage> querySinglePageAsync(
      String cql, Object values, PagingState pagingState) {
    return querySinglePageAsync(new Statement(cql), values, pagingState);
  }

  /**
   * Fetches one page and waits for it.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @param pagingState where to start
   * @return the page
   */
  default QueryPage querySinglePage(Statement statement, Object values, PagingState pagingState) {
    return BlockingCalls.await(querySinglePageAsync(statement, values, pagingState));
  }

  /**
   * Fetches one page of CQL text's rows and waits for it.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @param pagingState where to start
   * @return the page
   */
  default QueryPage querySinglePage(String cql, Object values, PagingState pagingState) {
    return BlockingCalls.await(querySinglePageAsync(cql, values, pagingState));
  }

  /**
   * Iterates over all rows of a statement, page by page: nothing is sent until iteration starts,
   * and the next page is fetched in the background while the current one is consumed.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @return the pager
   */
  QueryPager queryIter(Statement statement, Object values);

  /**
   * Iterates over all rows of CQL text; see {@link #queryIter(Statement, Object)}.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @return the pager
   */
  default QueryPager queryIter(String cql, Object values) {
    return queryIter(new Statement(cql), values);
  }

  // ---- prepared statements ----

  /**
   * Prepares a statement on one node, then on every other node with an open connection, so any node
   * can execute it at once. The statement's settings are copied to the prepared statement.
   *
   * @param statement the statement
   * @return completes with the prepared statement
   */
  CompletableFuture<PreparedStatement> prepareAsync(Statement statement);

  /**
   * Prepares CQL text; see {@link #prepareAsync(Statement)}.
   *
   * @param cql the CQL text
   * @return completes with the prepared statement
   */
  default CompletableFuture<PreparedStatement> prepareAsync(String cql) {
    return prepareAsync(new Statement(cql));
  }

  /**
   * Prepares a statement and waits.
   *
   * @param statement the statement
   * @return the prepared statement
   */
  default PreparedStatement prepare(Statement statement) {
    return BlockingCalls.await(prepareAsync(statement));
  }

  /**
   * Prepares CQL text and waits.
   *
   * @param cql the CQL text
   * @return the prepared statement
   */
  default PreparedStatement prepare(String cql) {
    return BlockingCalls.await(prepareAsync(cql));
  }

  /**
   * Executes a prepared statement and returns all its rows in one response (no paging).
   *
   * @param statement the prepared statement
   * @param values the row of bound values
   * @return completes with the result
   */
  CompletableFuture<QueryResult> executeUnpagedAsync(PreparedStatement statement, Object values);

  /**
   * Executes a prepared statement and waits for all its rows.
   *
   * @param statement the prepared statement
   * @param values the row of bound values
   * @return the result
   */
  default QueryResult executeUnpaged(PreparedStatement statement, Object values) {
    return BlockingCalls.await(executeUnpagedAsync(statement, values));
  }

  /**
   * Executes a prepared statement without values and waits for all its rows.
   *
   * @param statement the prepared statement
   * @return the result
   */
  default QueryResult executeUnpaged(PreparedStatement statement) {
    return executeUnpaged(statement, Values.EMPTY);
  }

  /**
   * Fetches one page of a prepared statement's rows.
   *
   * @param statement the prepared statement
   * @param values the row of bound values
   * @param pagingState {@link PagingState#start()}, or the state of the previous page
   * @return completes with the page and the state to fetch the next one
   */
  CompletableFuture<QueryPage> executeSinglePageAsync(
      PreparedStatement statement, Object values, PagingState pagingState);

  /**
   * Fetches one page of a prepared statement's rows and waits for it.
   *
   * @param statement the prepared statement
   * @param values the row of bound values
   * @param pagingState where to start
   * @return the page
   */
  default QueryPage executeSinglePage(
      PreparedStatement statement, Object values, PagingState pagingState) {
    return BlockingCalls.await(executeSinglePageAsync(statement, values, pagingState));
  }

  /**
   * Iterates over all rows of a prepared statement, page by page, prefetching the next page.
   *
   * @param statement the prepared statement
   * @param values the row of bound values
   * @return the pager
   */
  QueryPager executeIter(PreparedStatement statement, Object values);

  // ---- batches ----

  /**
   * Runs a batch.
   *
   * @param batch the batch
   * @param values one row of bound values per statement of the batch, in order ({@link
   *     Values#EMPTY} for a statement without markers)
   * @return completes with the result (rows only for a conditional batch)
   * @throws IllegalArgumentException if there are not as many rows of values as statements
   */
  CompletableFuture<QueryResult> batchAsync(Batch batch, List<?> values);

  /**
   * Runs a batch and waits.
   *
   * @param batch the batch
   * @param values one row of bound values per statement
   * @return the result
   */
  default QueryResult batch(Batch batch, List<?> values) {
    return BlockingCalls.await(batchAsync(batch, values));
  }

  /**
   * Runs a batch whose statements have no bind markers and waits.
   *
   * @param batch the batch
   * @return the result
   */
  default QueryResult batch(Batch batch) {
    return batch(batch, Collections.nCopies(batch.size(), Values.EMPTY));
  }

  // ---- keyspace, schema, tracing ----

  /**
   * Switches every connection to a keyspace, as {@code USE} does; new connections start in it.
   *
   * @param keyspace the keyspace name, without quotes
   * @param caseSensitive whether the name keeps its case
   * @return completes once every connection switched; fails with a {@code DbException} if the
   *     keyspace does not exist
   */
  CompletableFuture<Void> useKeyspaceAsync(String keyspace, boolean caseSensitive);

  /**
   * Switches every connection to a keyspace and waits.
   *
   * @param keyspace the keyspace name
   * @param caseSensitive whether the name keeps its case
   */
  default void useKeyspace(String keyspace, boolean caseSensitive) {
    BlockingCalls.await(useKeyspaceAsync(keyspace, caseSensitive));
  }

  /** The session's current keyspace, as the server named it, or empty. */
  Optional<String> getKeyspace();

  /**
   * Waits until every reachable node reports the same schema version, polling at the builder's
   * schema agreement interval.
   *
   * @return completes with the agreed version; fails with a {@link
   *     org.cql4j.session.errors.RequestTimeoutException} after the schema agreement timeout
   */
  CompletableFuture<UUID> awaitSchemaAgreementAsync();

  /**
   * Waits for schema agreement; see {@link #awaitSchemaAgreementAsync()}.
   *
   * @return the agreed schema version
   */
  default UUID awaitSchemaAgreement() {
    return BlockingCalls.await(awaitSchemaAgreementAsync());
  }

  /**
   * Reads the trace of a request run with {@code setTracing(true)} from {@code system_traces},
   * retrying while the server is still writing it.
   *
   * @param tracingId the id from {@link QueryResult#tracingId()}
   * @return completes with the complete trace
   */
  CompletableFuture<TracingInfo> getTracingInfoAsync(UUID tracingId);

  /**
   * Reads a trace and waits; see {@link #getTracingInfoAsync(UUID)}.
   *
   * @param tracingId the tracing id
   * @return the trace
   */
  default TracingInfo getTracingInfo(UUID tracingId) {
    return BlockingCalls.await(getTracingInfoAsync(tracingId));
  }

  // ---- state and lifecycle ----

  /** The current topology: every known node with its address, datacenter, rack and state. */
  ClusterState getClusterState();

  /**
   * The session's metrics (the Rust driver's {@code get_metrics()}): requests, errors by kind,
   * retries, speculative executions, timeouts, connections, bytes, latencies and rates, for the
   * session and each node. Always on; reading them is cheap and thread-safe.
   */
  Metrics getMetrics();

  /**
   * The native protocol version the session speaks: the pinned one, or what the first node accepted
   * (v5 on Apache Cassandra 4.0 and later, v4 on ScyllaDB and older Cassandra).
   */
  ProtocolVersion getProtocolVersion();

  /** The execution profile handle statements run with when they carry none. */
  ExecutionProfileHandle getDefaultExecutionProfileHandle();

  /**
   * The execution profile registered under a name with {@link
   * SessionBuilder#executionProfile(String, ExecutionProfileHandle)}. Thread-safe.
   *
   * @param name the profile's name
   * @return its handle, or empty
   */
  Optional<ExecutionProfileHandle> getExecutionProfileHandle(String name);

  /**
   * Returns the implementation that cql-mapper-processor generated for a {@code @Dao} interface,
   * running on this session; each of its statements is prepared once, on first use. Thread-safe;
   * the DAO is too.
   *
   * @param daoInterface the interface annotated {@code @Dao}
   * @param <D> the interface
   * @return a new DAO
   * @throws IllegalArgumentException if no implementation was generated, or a method names an
   *     execution profile this session does not have
   */
  default <D> D dao(Class<D> daoInterface) {
    return DaoSupport.create(this, daoInterface);
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed();

  /**
   * Closes the session: new calls fail at once, requests in flight complete, then every connection
   * and driver thread is released. Idempotent.
   *
   * @return completes when everything is released
   */
  CompletableFuture<Void> closeAsync();

  /** Closes the session and waits; see {@link #closeAsync()}. Idempotent. */
  @Override
  default void close() {
    BlockingCalls.await(closeAsync());
  }
}
