package org.cql4j.session.internal.request;

import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.SchemaChangeResult;
import org.cql4j.protocol.scylla.TabletRouting;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.Node;
import org.cql4j.session.QueryPage;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.context.SessionContext;
import org.cql4j.session.internal.metadata.FrozenColumns;
import org.cql4j.session.internal.result.QueryResults;
import org.cql4j.session.internal.session.SessionChanges;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.policy.RoutingInfo;
import org.cql4j.session.statement.PreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the answer that completes a request into its result: learns the tablet a ScyllaDB payload
 * announces, builds the page, applies results that change the session (keyspace, schema), and marks
 * frozen collection columns. Stateless and thread-safe.
 */
final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

  private Answers() {}

  static void handle(
      CqlRequest<?> request, Node node, Connection connection, ResponseEnvelope response) {
    if (!(response.message() instanceof Result protocolResult)) {
      ReferenceCountUtil.release(response.message());
      request.fail(new ConnectionException("unexpected response " + response.message()));
      return;
    }
    SessionContext context = request.context;
    if (!response.customPayload().isEmpty()) {
      learnTablet(context, request.routing, response.customPayload());
    }
    try {
      PreparedStatement prepared = request.prepared();
      if (prepared != null && protocolResult instanceof RowsResult rows) {
        learnResultMetadata(prepared, rows.metadata());
      }
      QueryPage page =
          QueryResults.page(
              protocolResult,
              prepared == null ? null : prepared.resultColumns(),
              response.warnings(),
              response.tracingId(),
              node);
      request.answeredBy(node, connection);
      if (protocolResult instanceof SchemaChangeResult change) {
        context.frozenColumns().onSchemaChange(change.change());
      }
      if (SessionChanges.changesSession(protocolResult)) {
        context
            .sessionChanges()
            .apply(page)
            .whenComplete(
                (p, e) -> {
                  if (e == null) {
                    request.complete(p);
                  } else {
                    request.fail(e);
                  }
                });
      } else {
        completeWithFrozenColumns(request, page);
      }
    } catch (RuntimeException e) {
      request.fail(e);
    }
  }

  /**
   * A Rows result flagged METADATA_CHANGED (the table changed since the statement was prepared)
   * carries the new result metadata id and columns: the statement keeps them, so that its next
   * executions send the new id and decode rows sent without metadata with the new columns
   * (native_protocol_v5.spec §4.1.6, §4.2.5.2; ScyllaDB's SCYLLA_USE_METADATA_ID on v4).
   */
  private static void learnResultMetadata(PreparedStatement prepared, RowsMetadata metadata) {
    if (!metadata.hasFlag(RowsMetadata.METADATA_CHANGED)) {
      return;
    }
    RowsMetadata columns = RowsMetadata.of(metadata.columns(), null);
    PreparedStatements.access().updateResultMetadata(prepared, metadata.newMetadataId(), columns);
    LOG.debug("{}: the result columns changed, now {}", prepared, metadata.columns());
  }

  // rows decode a null collection by whether its column is frozen, which only the schema says
  private static void completeWithFrozenColumns(CqlRequest<?> request, QueryPage page) {
    List<ColumnSpec> columns = QueryResults.columnsOf(page);
    FrozenColumns frozen = request.context.frozenColumns();
    List<ColumnSpec> marked = columns == null ? columns : frozen.resolveNow(columns);
    if (marked == columns) {
      request.complete(page);
    } else if (marked != null) {
      request.complete(QueryResults.withColumns(page, marked));
    } else {
      frozen.resolve(columns).thenAccept(m -> request.complete(QueryResults.withColumns(page, m)));
    }
  }

  // ScyllaDB announces the tablet of a request that reached a wrong node or shard
  private static void learnTablet(
      SessionContext context, RoutingInfo routing, Map<String, byte[]> payload) {
    try {
      TabletRouting tablet = TabletRouting.from(payload);
      if (tablet != null && routing.keyspace() != null && routing.table() != null) {
        context
            .metadata()
            .tablets()
            .add(routing.keyspace(), routing.table(), tablet, context.metadata().state());
      }
    } catch (ProtocolException e) {
      LOG.warn("ignoring a tablet announcement that does not parse: {}", e.getMessage());
    }
  }
}
