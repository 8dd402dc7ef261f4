package org.cql4j.session.internal.connection;

import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.internal.result.QueryResults;

/**
 * Runs the driver's own queries (system tables, schema agreement) on one connection. Thread-safe
 * (stateless).
 */
public final class SystemQueries {
  private SystemQueries() {}

  /**
   * Runs a query at consistency ONE without paging and returns its rows.
   *
   * @param connection the connection to use
   * @param cql the query, without bind markers
   * @param timeout the request timeout
   * @return the rows, decoded untyped; fails as {@link Connection#send} does
   */
  public static CompletableFuture<List<CqlRow>> rows(
      Connection connection, String cql, Duration timeout) {
    Query query = new Query(cql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    return connection
        .send(query, timeout)
        .thenApply(
            response -> {
              if (!(response.message() instanceof Result result)) {
                ReferenceCountUtil.release(response.message());
                throw new IllegalStateException("unexpected response to " + cql);
              }
              List<CqlRow> rows = new ArrayList<>();
              QueryResults.from(result, null, List.of(), null, null)
                  .intoRowsResult()
                  .rows(CqlRow.class)
                  .forEach(rows::add);
              return rows;
            });
  }

  /**
   * Whether a row has a column of that name (the system tables differ between versions).
   *
   * @param row the row
   * @param column the column name
   * @return true if present
   */
  public static boolean has(CqlRow row, String column) {
    for (var spec : row.columns()) {
      if (spec.name().equals(column)) {
        return true;
      }
    }
    return false;
  }
}
