package org.cql4j.session.statement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A batch of statements, each unprepared or prepared, executed in one request. Thread-safe: the
 * statement list is copy-on-write, and settings are volatile (see {@link StatementSettings}).
 *
 * <p>The session takes one row of values per statement, in the order they were appended: {@code
 * session.batch(batch, List.of(row1, Values.EMPTY))}. The statements' own settings are ignored; the
 * batch's settings apply to the whole request, and so does its keyspace ({@link
 * #setKeyspace(String)}).
 */
public final class Batch extends StatementSettings<Batch> {
  private final BatchType type;
  private final List<StatementSettings<?>> statements = new CopyOnWriteArrayList<>();
  private volatile Optional<String> keyspace = Optional.empty(); // set rarely, read per request

  /**
   * Creates an empty batch.
   *
   * @param type the kind of batch
   */
  public Batch(BatchType type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The kind of batch. Thread-safe. */
  public BatchType type() {
    return type;
  }

  /**
   * Sets the keyspace the batch runs in, instead of the session's: unqualified table names in its
   * unprepared statements name tables of this keyspace (unprepared statements with values are
   * prepared in it), and the load-balancing policy sees it as the request's keyspace. The keyspaces
   * set on the appended statements are ignored; a prepared statement keeps the keyspace it was
   * prepared in. Default: not set, the session's keyspace applies.
   *
   * <p>Protocol v5 only (native_protocol_v5.spec §4.1.7, flag 0x80): on a session that speaks v4
   * (ScyllaDB, or a pinned v4) the batch fails before it is sent with an {@link
   * org.cql4j.session.errors.UnsupportedFeatureException}; qualify the table names instead.
   *
   * @param keyspace the keyspace name as the server stores it (without quotes, lower case unless it
   *     was created quoted), or {@code null} to use the session's again
   * @return this batch
   * @throws IllegalArgumentException if the name is not a valid keyspace name
   */
  public Batch setKeyspace(String keyspace) {
    this.keyspace = checkKeyspace(keyspace);
    return this;
  }

  /** The keyspace set on this batch, or empty when the session's applies. Thread-safe. */
  public Optional<String> getKeyspace() {
    return keyspace;
  }

  /**
   * Appends an unprepared statement given by its text.
   *
   * @param cql the CQL text
   * @return this batch
   */
  public Batch appendStatement(String cql) {
    return appendStatement(new Statement(cql));
  }

  /**
   * Appends an unprepared statement.
   *
   * @param statement the statement
   * @return this batch
   */
  public Batch appendStatement(Statement statement) {
    statements.add(Objects.requireNonNull(statement, "statement"));
    return this;
  }

  /**
   * Appends a prepared statement.
   *
   * @param statement the statement
   * @return this batch
   */
  public Batch appendStatement(PreparedStatement statement) {
    statements.add(Objects.requireNonNull(statement, "statement"));
    return this;
  }

  /**
   * The statements in the order appended, each a {@link Statement} or a {@link PreparedStatement};
   * an unmodifiable snapshot. Thread-safe.
   */
  public List<StatementSettings<?>> statements() {
    return List.copyOf(statements);
  }

  /** How many statements the batch holds. Thread-safe. */
  public int size() {
    return statements.size();
  }

  @Override
  public String toString() {
    return "Batch[" + type + ", " + statements.size() + " statements]";
  }
}
