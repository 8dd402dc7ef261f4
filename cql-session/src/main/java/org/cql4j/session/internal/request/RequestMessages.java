package org.cql4j.session.internal.request;

import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.Batch;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.Request;
import org.cql4j.session.PagingState;
import org.cql4j.session.TimestampGenerator;
import org.cql4j.session.internal.profile.EffectiveSettings;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/**
 * Builds the QUERY, EXECUTE and BATCH messages of one request from its statement, values and
 * effective settings (native_protocol_v4.spec §4.1.4, §4.1.6, §4.1.7). Thread-safe (immutable).
 *
 * <p>A per-request keyspace goes into QUERY and BATCH, and the time set as now into all three
 * (native_protocol_v5.spec §4.1.4, flags 0x80 and 0x100); an EXECUTE carries no keyspace, since the
 * statement was bound to one when prepared (§4.1.5).
 */
public final class RequestMessages {
  private static final int DESCRIPTION_LENGTH = 120;

  /** The page size to send when the caller wants every row in one response. */
  public static final int UNPAGED = QueryParameters.NO_PAGE_SIZE;

  private final TimestampGenerator timestamps;

  /**
   * Creates the builder.
   *
   * @param timestamps the session's timestamp generator
   */
  public RequestMessages(TimestampGenerator timestamps) {
    this.timestamps = timestamps;
  }

  /**
   * A QUERY without values, in the statement's keyspace if it has one.
   *
   * @param statement the statement
   * @param settings its effective settings
   * @param pageSize the page size, or {@link #UNPAGED}
   * @param pagingState where to resume, or null
   * @return the message, at the settings' consistency
   */
  public Query query(
      Statement statement, EffectiveSettings settings, int pageSize, PagingState pagingState) {
    return new Query(
        statement.cql(),
        parameters(
            settings,
            BoundValues.EMPTY,
            false,
            pageSize,
            pagingState,
            statement.getKeyspace().orElse(null)));
  }

  /**
   * An EXECUTE. Result metadata is skipped when the statement returns columns, since the driver
   * knows them from PREPARE.
   *
   * @param statement the statement
   * @param values the bound values
   * @param settings its effective settings
   * @param pageSize the page size, or {@link #UNPAGED}
   * @param pagingState where to resume, or null
   * @param tabletVersionBlock the byte presenting the known version of the request's tablet, sent
   *     on connections that negotiated tablets routing v2
   * @return the message, at the settings' consistency
   */
  public Execute execute(
      PreparedStatement statement,
      BoundValues values,
      EffectiveSettings settings,
      int pageSize,
      PagingState pagingState,
      int tabletVersionBlock) {
    var access = PreparedStatements.access();
    boolean skipMetadata = !statement.resultColumns().isEmpty();
    return new Execute(
        access.rawId(statement),
        access.rawResultMetadataId(statement),
        parameters(settings, values, skipMetadata, pageSize, pagingState, null),
        tabletVersionBlock);
  }

  /**
   * A BATCH.
   *
   * @param type the batch type
   * @param statements the statements: each a {@link Statement} (no values) or a prepared one
   * @param values the bound values of each statement, in order
   * @param settings the batch's effective settings
   * @param keyspace the batch's keyspace, or null for the connection's
   * @return the message, at the settings' consistency
   */
  public Batch batch(
      BatchType type,
      List<Object> statements,
      List<BoundValues> values,
      EffectiveSettings settings,
      String keyspace) {
    List<Batch.Statement> entries = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      Object s = statements.get(i);
      entries.add(
          s instanceof PreparedStatement p
              ? new Batch.Statement(null, PreparedStatements.access().rawId(p), values.get(i))
              : new Batch.Statement(((Statement) s).cql(), null, values.get(i)));
    }
    return new Batch(
        Batch.Type.valueOf(type.name()),
        entries,
        settings.consistency(),
        settings.serialConsistency(),
        timestamp(settings),
        keyspace,
        nowInSeconds(settings));
  }

  /**
   * The same message at another consistency, for a retry the retry policy asked to run at it.
   *
   * @param message a message built here, or a PREPARE
   * @param consistency the consistency to send
   * @return the message with only its consistency changed, keyspace and time kept (a PREPARE,
   *     unchanged)
   */
  public static Request atConsistency(Request message, Consistency consistency) {
    if (message instanceof Query q) {
      return new Query(q.query(), q.parameters().withConsistency(consistency));
    }
    if (message instanceof Execute e) {
      return new Execute(
          e.id(),
          e.resultMetadataId(),
          e.parameters().withConsistency(consistency),
          e.tabletVersionBlock());
    }
    if (message instanceof Batch b) {
      return b.withConsistency(consistency);
    }
    return message; // PREPARE has no consistency
  }

  /**
   * The keyspace a message names for itself, which routes it instead of the session's.
   *
   * @param message a QUERY, EXECUTE, BATCH or PREPARE
   * @return the per-request keyspace of a QUERY, BATCH or PREPARE, or null
   */
  public static String keyspaceOf(Request message) {
    if (message instanceof Query q) {
      return q.parameters().keyspace();
    }
    if (message instanceof Batch b) {
      return b.keyspace();
    }
    if (message instanceof Prepare p) {
      return p.keyspace();
    }
    return null; // an EXECUTE runs where its statement was prepared
  }

  private long timestamp(EffectiveSettings settings) {
    return settings.timestamp().isPresent() ? settings.timestamp().getAsLong() : timestamps.next();
  }

  private static int nowInSeconds(EffectiveSettings settings) {
    return settings.nowInSeconds().isPresent()
        ? settings.nowInSeconds().getAsInt()
        : QueryParameters.NO_NOW_IN_SECONDS;
  }

  private static byte[] pagingBytes(PagingState state) {
    return state == null ? null : state.rawBytes().orElse(null);
  }

  private QueryParameters parameters(
      EffectiveSettings settings,
      BoundValues values,
      boolean skipMetadata,
      int pageSize,
      PagingState pagingState,
      String keyspace) {
    return new QueryParameters(
        settings.consistency(),
        values,
        skipMetadata,
        pageSize,
        pagingBytes(pagingState),
        settings.serialConsistency(),
        timestamp(settings),
        keyspace,
        nowInSeconds(settings));
  }

  /**
   * The CQL text of a request, for request listeners: a QUERY's or PREPARE's text, a prepared
   * statement's, or {@code BATCH of n statements}.
   */
  static String cqlOf(Request message, PreparedStatement prepared) {
    if (message instanceof Query q) {
      return q.query();
    } else if (message instanceof Prepare p) {
      return p.query();
    } else if (message instanceof Batch b) {
      return "BATCH of " + b.statements().size() + " statements";
    }
    return prepared == null ? "" : prepared.cql();
  }

  /** The request in error messages: its kind and CQL text on one line, cut at 120 characters. */
  static String describe(Request message, PreparedStatement prepared) {
    String oneLine = cqlOf(message, prepared).strip().replaceAll("\\s+", " ");
    String cql =
        oneLine.length() <= DESCRIPTION_LENGTH
            ? oneLine
            : oneLine.substring(0, DESCRIPTION_LENGTH) + "...";
    return message instanceof Batch ? cql : message.opcode().name() + " " + cql;
  }
}
