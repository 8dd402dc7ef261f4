package org.cql4j.session.internal.result;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.UUID;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.SchemaChangeResult;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.Node;
import org.cql4j.session.PagingState;
import org.cql4j.session.PagingStateResponse;
import org.cql4j.session.QueryPage;
import org.cql4j.session.internal.metadata.DefaultNode;

/**
 * Turns protocol results into {@link org.cql4j.session.QueryResult}s. Thread-safe (stateless).
 *
 * <p>Ownership of a {@link RowsResult}: {@link #from} takes it over and releases it before
 * returning, success or failure. Its rows section is copied once into a byte array that the garbage
 * collector reclaims with the result: the pooled frame goes back to the pool at once, users never
 * have to close a result, and a forgotten result cannot leak. The cost is one {@code memcpy} of the
 * rows section per response (no per-cell copy; decoding stays lazy). A later zero-copy mode could
 * keep the pooled slice and release it through a {@code java.lang.ref.Cleaner}, at the price of
 * pinning pooled chunks until GC.
 */
public final class QueryResults {
  private static final byte[] NO_BYTES = new byte[0];

  private QueryResults() {}

  /**
   * Builds the query result of a RESULT response.
   *
   * @param result the protocol result; a {@code RowsResult} is released by this method
   * @param preparedColumns the prepared statement's result columns, used when the response was sent
   *     without metadata ({@code NO_METADATA}); null for unprepared statements
   * @param warnings the response's warnings (frame flag 0x08), empty when none
   * @param tracingId the response's tracing id (frame flag 0x02), or null
   * @param coordinator the node that answered, or null for the driver's own queries
   * @return the query result
   * @throws ProtocolException if a rows result has no metadata and no prepared columns are known,
   *     or their count disagrees with the response's column count
   */
  public static DefaultQueryResult from(
      Result result,
      List<ColumnSpec> preparedColumns,
      List<String> warnings,
      UUID tracingId,
      Node coordinator) {
    if (!(result instanceof RowsResult rowsResult)) {
      if (result instanceof VoidResult
          && warnings.isEmpty()
          && tracingId == null
          && coordinator instanceof DefaultNode node) {
        // immutable: the writes a node coordinates share one (a non-capturing lambda: no
        // allocation)
        return (DefaultQueryResult)
            node.sharedResult(
                n -> new DefaultQueryResult(VoidResult.INSTANCE, null, List.of(), null, n));
      }
      return new DefaultQueryResult(result, null, warnings, tracingId, coordinator);
    }
    try {
      RowsMetadata metadata = rowsResult.metadata();
      List<ColumnSpec> columns = columnsOf(metadata, preparedColumns);
      ByteBuf content = rowsResult.rowsContent();
      byte[] rows = content.isReadable() ? ByteBufUtil.getBytes(content) : NO_BYTES;
      DefaultQueryRowsResult rowsView =
          new DefaultQueryRowsResult(columns, rowsResult.rowCount(), rows, warnings, tracingId);
      return new DefaultQueryResult(result, rowsView, warnings, tracingId, coordinator);
    } finally {
      rowsResult.release();
    }
  }

  /**
   * Builds a page: the query result and the paging state of the response. Same ownership as {@link
   * #from}.
   *
   * @param result the protocol result; a {@code RowsResult} is released by this method
   * @param preparedColumns as for {@link #from}
   * @param warnings the response's warnings
   * @param tracingId the response's tracing id, or null
   * @param coordinator the node that answered
   * @return the page
   */
  public static QueryPage page(
      Result result,
      List<ColumnSpec> preparedColumns,
      List<String> warnings,
      UUID tracingId,
      Node coordinator) {
    PagingStateResponse paging = pagingStateOf(result);
    return new QueryPage(from(result, preparedColumns, warnings, tracingId, coordinator), paging);
  }

  /**
   * The column specs of a page built by {@link #page}.
   *
   * @param page the page
   * @return its rows' columns, or null when it has no rows
   */
  public static List<ColumnSpec> columnsOf(QueryPage page) {
    DefaultQueryRowsResult rows = ((DefaultQueryResult) page.result()).rowsOrNull();
    return rows == null ? null : rows.columnSpecs();
  }

  /**
   * A page built by {@link #page} with its rows described by other column specs.
   *
   * @param page the page, with rows
   * @param marked the same columns, marked frozen where the schema says so
   * @return the new page
   */
  public static QueryPage withColumns(QueryPage page, List<ColumnSpec> marked) {
    return new QueryPage(
        ((DefaultQueryResult) page.result()).withColumns(marked), page.pagingState());
  }

  /**
   * The paging state a result carries: more pages when a rows result has a paging state.
   *
   * @param result the protocol result (not released)
   * @return the paging state response
   */
  public static PagingStateResponse pagingStateOf(Result result) {
    if (result instanceof RowsResult rows && rows.metadata().pagingState() != null) {
      return PagingStateResponse.hasMorePages(PagingState.fromBytes(rows.metadata().pagingState()));
    }
    return PagingStateResponse.noMorePages();
  }

  /**
   * A readable name of a result kind, for messages.
   *
   * @param result the result
   * @return e.g. {@code "Void"}
   */
  public static String kindName(Result result) {
    if (result instanceof VoidResult) {
      return "Void";
    } else if (result instanceof RowsResult) {
      return "Rows";
    } else if (result instanceof SetKeyspaceResult s) {
      return "SetKeyspace(" + s.keyspace() + ")";
    } else if (result instanceof PreparedResult) {
      return "Prepared";
    } else if (result instanceof SchemaChangeResult) {
      return "SchemaChange";
    }
    return result.getClass().getSimpleName();
  }

  private static List<ColumnSpec> columnsOf(RowsMetadata metadata, List<ColumnSpec> prepared) {
    if (!metadata.hasFlag(RowsMetadata.NO_METADATA)) {
      return metadata.columns();
    }
    if (prepared == null || prepared.size() != metadata.columnCount()) {
      throw new ProtocolException(
          "RESULT.Rows.metadata",
          -1,
          "the response has no metadata and "
              + (prepared == null
                  ? "no prepared result columns are known"
                  : "the prepared statement has "
                      + prepared.size()
                      + " result columns, not "
                      + metadata.columnCount()));
    }
    return prepared;
  }
}
