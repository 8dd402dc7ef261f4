package org.cql4j.it.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.session.internal.connection.Connection;

/** Helpers of the connection ITs; stateless, hence thread-safe. */
final class ItSupport {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ItSupport() {}

  /** "host:port" to an address. */
  static InetSocketAddress address(String contactPoint) {
    int colon = contactPoint.lastIndexOf(':');
    return new InetSocketAddress(
        contactPoint.substring(0, colon), Integer.parseInt(contactPoint.substring(colon + 1)));
  }

  static Query query(String cql, BoundValues values) {
    return new Query(cql, QueryParameters.of(Consistency.ONE, values));
  }

  static Query query(String cql) {
    return query(cql, BoundValues.EMPTY);
  }

  static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Runs a query that returns no rows. */
  static void execute(Connection connection, String cql) throws Exception {
    ResponseEnvelope response = await(connection.send(query(cql), TIMEOUT));
    ReferenceCountUtil.release(response.message());
  }

  /** The first column of every row, decoded as {@code type}; releases the result. */
  static <T> List<T> column(ResponseEnvelope response, Class<T> type) {
    assertThat(response.message()).isInstanceOf(RowsResult.class);
    RowsResult rows = (RowsResult) response.message();
    try {
      var columns = rows.metadata().columns();
      RowIterator<T> it =
          RowIterator.of(
              rows.rowsContent().duplicate(),
              rows.rowCount(),
              columns,
              Codecs.singleColumn(Codecs.deserializer(type)).bind(columns));
      List<T> out = new ArrayList<>();
      it.forEachRemaining(out::add);
      return out;
    } finally {
      rows.release();
    }
  }
}
