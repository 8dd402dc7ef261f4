package org.cql4j.session.internal.result;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.errors.IntoRowsResultException;

/**
 * A query result: either rows, or a result without rows. Immutable and thread-safe. Created by
 * {@link QueryResults}.
 */
public final class DefaultQueryResult implements QueryResult {
  private final Result result;
  private final DefaultQueryRowsResult rows;
  private final List<String> warnings;
  private final UUID tracingId;
  private final Node coordinator;

  DefaultQueryResult(
      Result result,
      DefaultQueryRowsResult rows,
      List<String> warnings,
      UUID tracingId,
      Node coordinator) {
    this.result = result;
    this.rows = rows;
    this.warnings = List.copyOf(warnings);
    this.tracingId = tracingId;
    this.coordinator = coordinator;
  }

  /**
   * The protocol result, for the session (SET_KEYSPACE, SCHEMA_CHANGE details). For a rows result
   * this is the original {@code RowsResult}, already released: read its metadata, never its
   * content.
   */
  public Result result() {
    return result;
  }

  @Override
  public boolean isRows() {
    return rows != null;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public Optional<UUID> tracingId() {
    return Optional.ofNullable(tracingId);
  }

  @Override
  public Node coordinator() {
    if (coordinator == null) {
      throw new IllegalStateException("the driver's own queries have no coordinator recorded");
    }
    return coordinator;
  }

  @Override
  public QueryRowsResult intoRowsResult() {
    if (rows == null) {
      throw new IntoRowsResultException(QueryResults.kindName(result));
    }
    return rows;
  }

  /**
   * This result with its rows described by other column specs.
   *
   * @param marked the columns (see {@link DefaultQueryRowsResult#withColumns}); this result must
   *     have rows
   * @return the new result
   */
  public DefaultQueryResult withColumns(List<ColumnSpec> marked) {
    return new DefaultQueryResult(
        result, rows.withColumns(marked), warnings, tracingId, coordinator);
  }

  /** The rows, or null for a result without rows. */
  public DefaultQueryRowsResult rowsOrNull() {
    return rows;
  }

  @Override
  public String toString() {
    return rows != null ? rows.toString() : "QueryResult[" + QueryResults.kindName(result) + "]";
  }
}
