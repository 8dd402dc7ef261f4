package org.cql4j.session.statement;

import io.netty.buffer.ByteBufAllocator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.Token;
import org.cql4j.session.internal.request.BoundRow;
import org.cql4j.session.internal.routing.SerializedValues;
import org.cql4j.session.internal.statement.PreparedStatements;

/**
 * A statement prepared on the cluster: the server parsed it once and knows it by an id, and the
 * driver knows the types of its bind markers and result columns. Thread-safe: the prepared data is
 * immutable except the result metadata, which the driver replaces atomically when the server
 * reports a schema change; settings are volatile (see {@link StatementSettings}).
 *
 * <p>Create one with {@code session.prepare(cql)}; there is no public constructor.
 */
public final class PreparedStatement extends StatementSettings<PreparedStatement> {

  static {
    PreparedStatements.install(new Access());
  }

  private final String cql;
  private final byte[] id;
  private final List<ColumnSpec> variables;
  private final List<Integer> partitionKeyIndexes;
  private final boolean lwt;
  private final String prepareKeyspace; // the PREPARE's per-request keyspace, or null
  private final Optional<String> keyspace; // the same instances for every request: no allocation
  private final Optional<String> table;
  private volatile ResultMetadata resultMetadata;
  // the generated writers of @Row records, bound once to this statement's markers
  private final Map<Class<?>, RowSerializer.Writer<?>> rowWriters = new ConcurrentHashMap<>(4);

  /** The result metadata and its id, replaced together. */
  private record ResultMetadata(byte[] id, RowsMetadata metadata) {}

  private PreparedStatement(
      String cql, String prepareKeyspace, PreparedResult prepared, boolean lwt) {
    this.cql = Objects.requireNonNull(cql, "cql");
    this.prepareKeyspace = prepareKeyspace;
    this.id = prepared.id().clone();
    this.variables = prepared.variables().variables();
    this.partitionKeyIndexes = prepared.variables().partitionKeyIndexes();
    this.lwt = lwt;
    this.resultMetadata =
        new ResultMetadata(prepared.resultMetadataId(), prepared.resultMetadata());
    List<ColumnSpec> columns = variables.isEmpty() ? resultColumns() : variables;
    this.keyspace =
        columns.isEmpty()
            ? Optional.ofNullable(prepareKeyspace)
            : Optional.of(columns.get(0).keyspace());
    this.table = columns.isEmpty() ? Optional.empty() : Optional.of(columns.get(0).table());
  }

  private PreparedStatement(PreparedStatement other) {
    this.cql = other.cql;
    this.id = other.id;
    this.variables = other.variables;
    this.partitionKeyIndexes = other.partitionKeyIndexes;
    this.lwt = other.lwt;
    this.prepareKeyspace = other.prepareKeyspace;
    this.keyspace = other.keyspace;
    this.table = other.table;
    this.resultMetadata = other.resultMetadata;
    copySettingsFrom(other);
  }

  /**
   * Returns a copy with the same prepared data and settings, whose settings can then change without
   * affecting this statement (a per-request timestamp, tracing or timeout, on a statement shared by
   * many threads). Thread-safe; cheap (the prepared data is shared, not copied).
   *
   * @return the copy
   */
  public PreparedStatement copy() {
    return new PreparedStatement(this);
  }

  /** The CQL text that was prepared. Thread-safe. */
  public String cql() {
    return cql;
  }

  /** The statement id the server assigned (a copy). Thread-safe. */
  public byte[] id() {
    return id.clone();
  }

  /**
   * The result metadata id (protocol v5 and the ScyllaDB metadata-id extension), a copy, or empty
   * when the protocol does not use one. Thread-safe.
   */
  public Optional<byte[]> resultMetadataId() {
    byte[] metadataId = resultMetadata.id();
    return metadataId == null ? Optional.empty() : Optional.of(metadataId.clone());
  }

  /** The bind markers in order, with their names and CQL types. Thread-safe. */
  public List<ColumnSpec> variables() {
    return variables;
  }

  /**
   * The positions among {@link #variables()} of the partition key columns, in partition key order;
   * empty when the statement does not bind the whole partition key. Thread-safe.
   */
  public List<Integer> partitionKeyIndexes() {
    return partitionKeyIndexes;
  }

  /** Whether the driver can compute the token of a request from its values. Thread-safe. */
  public boolean isTokenAware() {
    return !partitionKeyIndexes.isEmpty();
  }

  /** Whether the server confirmed the statement is a lightweight transaction (ScyllaDB). */
  public boolean isLwt() {
    return lwt;
  }

  /**
   * The columns the statement returns, with their types; empty for statements that return no rows.
   * Thread-safe.
   */
  public List<ColumnSpec> resultColumns() {
    return resultMetadata.metadata().columns();
  }

  /** The full result metadata as last received from the server. Thread-safe. */
  public RowsMetadata resultMetadata() {
    return resultMetadata.metadata();
  }

  /**
   * The keyspace of the first bind marker or result column, when the statement has any; else the
   * keyspace it was prepared in ({@link Statement#setKeyspace(String)}), if one was set.
   * Thread-safe.
   */
  public Optional<String> keyspace() {
    return keyspace;
  }

  /**
   * The table of the first bind marker or result column, when the statement has any. Thread-safe.
   */
  public Optional<String> table() {
    return table;
  }

  /**
   * The token of the partition the statement targets with these values: the Murmur3 hash of the
   * partition key, as the server computes it (the Rust driver's {@code calculate_token}).
   * Thread-safe.
   *
   * @param values the row of values, as for executing the statement
   * @return the token; empty when the statement does not bind the whole partition key, or a key
   *     value is null or unset
   * @throws org.cql4j.protocol.serialize.SerializationException if a value does not fit its marker
   */
  public Optional<Token> computeToken(Object values) {
    Objects.requireNonNull(values, "values (use Values.EMPTY for none)");
    if (!isTokenAware()) {
      return Optional.empty();
    }
    SerializedValues serialized =
        SerializedValues.of(BoundRow.of(this, values), ByteBufAllocator.DEFAULT);
    try {
      long token = serialized.token(partitionKeyIndexes);
      return token == Long.MIN_VALUE ? Optional.empty() : Optional.of(Token.of(token));
    } finally {
      serialized.release();
    }
  }

  @Override
  public String toString() {
    return "PreparedStatement[" + HexFormat.of().formatHex(id) + ", " + cql + "]";
  }

  /** The internal accessor: lets the session create statements and update their metadata. */
  private static final class Access implements PreparedStatements.Access {
    @Override
    public PreparedStatement create(
        String cql, String keyspace, PreparedResult prepared, boolean lwt) {
      return new PreparedStatement(cql, keyspace, prepared, lwt);
    }

    @Override
    public String prepareKeyspace(PreparedStatement statement) {
      return statement.prepareKeyspace;
    }

    @Override
    public byte[] rawId(PreparedStatement statement) {
      return statement.id;
    }

    @Override
    public byte[] rawResultMetadataId(PreparedStatement statement) {
      return statement.resultMetadata.id();
    }

    @Override
    public void updateResultMetadata(
        PreparedStatement statement, byte[] resultMetadataId, RowsMetadata metadata) {
      statement.resultMetadata = new ResultMetadata(resultMetadataId, metadata);
    }

    @Override
    public RowSerializer.Writer<?> rowWriter(
        PreparedStatement statement,
        Class<?> rowType,
        BiFunction<Class<?>, List<ColumnSpec>, RowSerializer.Writer<?>> binder) {
      RowSerializer.Writer<?> cached = statement.rowWriters.get(rowType);
      return cached != null
          ? cached
          : statement.rowWriters.computeIfAbsent(
              rowType, type -> binder.apply(type, statement.variables()));
    }

    @Override
    public void copySettings(StatementSettings<?> from, StatementSettings<?> to) {
      to.copySettingsFrom(from);
    }

    @Override
    public int settingsVersion(StatementSettings<?> statement) {
      return statement.version();
    }

    @Override
    public Object resolvedSettings(StatementSettings<?> statement) {
      return statement.resolved();
    }

    @Override
    public void resolvedSettings(StatementSettings<?> statement, Object resolution) {
      statement.resolved(resolution);
    }
  }
}
