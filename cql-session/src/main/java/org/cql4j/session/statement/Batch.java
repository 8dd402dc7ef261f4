package org.cql4j.session.statement;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A batch of statements, each unprepared or prepared, executed in one request. Thread-safe: the
 * statement list is copy-on-write, and settings are volatile (see {@link StatementSettings}).
 *
 * <p>The session takes one row of values per statement, in the order they were appended: {@code
 * session.batch(batch, List.of(row1, Values.EMPTY))}. The statements' own settings are ignored; the
 * batch's settings apply to the whole request.
 */
public final class Batch extends StatementSettings<Batch> {
  private final BatchType type;
  private final List<StatementSettings<?>> statements = new CopyOnWriteArrayList<>();

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
