package org.cql4j.session.internal.request;

import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.Batch;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Execute;
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
 */
public final class RequestMessages {
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

  /** How a request's message is (re)built, possibly at another consistency after a retry. */
  @FunctionalInterface
  public interface MessageFactory {
    /**
     * Builds the message.
     *
     * @param consistency the consistency to send
     * @return the message
     */
    Request build(Consistency consistency);
  }

  /**
   * A QUERY without values.
   *
   * @param statement the statement
   * @param settings its effective settings
   * @param pageSize the page size, or {@link #UNPAGED}
   * @param pagingState where to resume, or null
   * @return the factory
   */
  public MessageFactory query(
      Statement statement, EffectiveSettings settings, int pageSize, PagingState pagingState) {
    long timestamp = timestamp(settings);
    byte[] paging = pagingBytes(pagingState);
    return consistency ->
        new Query(
            statement.cql(),
            parameters(
                settings, consistency, BoundValues.EMPTY, false, pageSize, paging, timestamp));
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
   * @return the factory
   */
  public MessageFactory execute(
      PreparedStatement statement,
      BoundValues values,
      EffectiveSettings settings,
      int pageSize,
      PagingState pagingState) {
    long timestamp = timestamp(settings);
    byte[] paging = pagingBytes(pagingState);
    var access = PreparedStatements.access();
    byte[] id = access.rawId(statement);
    byte[] metadataId = access.rawResultMetadataId(statement);
    boolean skipMetadata = !statement.resultColumns().isEmpty();
    return consistency ->
        new Execute(
            id,
            metadataId,
            parameters(settings, consistency, values, skipMetadata, pageSize, paging, timestamp));
  }

  /**
   * A BATCH.
   *
   * @param type the batch type
   * @param statements the statements: each a {@link Statement} (no values) or a prepared one
   * @param values the bound values of each statement, in order
   * @param settings the batch's effective settings
   * @return the factory
   */
  public MessageFactory batch(
      BatchType type,
      List<Object> statements,
      List<BoundValues> values,
      EffectiveSettings settings) {
    List<Batch.Statement> entries = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      Object s = statements.get(i);
      entries.add(
          s instanceof PreparedStatement p
              ? new Batch.Statement(null, PreparedStatements.access().rawId(p), values.get(i))
              : new Batch.Statement(((Statement) s).cql(), null, values.get(i)));
    }
    Batch.Type protocolType = Batch.Type.valueOf(type.name());
    long timestamp = timestamp(settings);
    return consistency ->
        new Batch(protocolType, entries, consistency, settings.serialConsistency(), timestamp);
  }

  private long timestamp(EffectiveSettings settings) {
    return settings.timestamp().isPresent() ? settings.timestamp().getAsLong() : timestamps.next();
  }

  private static byte[] pagingBytes(PagingState state) {
    return state == null ? null : state.rawBytes().orElse(null);
  }

  private static QueryParameters parameters(
      EffectiveSettings settings,
      Consistency consistency,
      BoundValues values,
      boolean skipMetadata,
      int pageSize,
      byte[] pagingState,
      long timestamp) {
    return new QueryParameters(
        consistency,
        values,
        skipMetadata,
        pageSize,
        pagingState,
        settings.serialConsistency(),
        timestamp);
  }
}
