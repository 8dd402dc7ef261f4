package org.cql4j.session.dao;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.cql4j.session.Session;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.statement.PreparedStatement;

/**
 * One statement of a generated DAO, prepared on first use and then shared; thread-safe. Concurrent
 * first calls share one PREPARE; a failed preparation is forgotten, so that the next call tries
 * again (the table may not exist yet, or the node was down).
 */
public final class LazyStatement {
  private final Session session;
  private final String cql;
  private final Consumer<PreparedStatement> settings;
  private volatile CompletableFuture<PreparedStatement> prepared;

  /**
   * A statement to prepare when first used.
   *
   * @param session the DAO's session
   * @param cql the CQL text
   * @param settings applied to the prepared statement once, before any call uses it
   */
  public LazyStatement(Session session, String cql, Consumer<PreparedStatement> settings) {
    this.session = Objects.requireNonNull(session, "session");
    this.cql = Objects.requireNonNull(cql, "cql");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The prepared statement, prepared now if no call did yet; completes with the failure if not. */
  public CompletableFuture<PreparedStatement> async() {
    CompletableFuture<PreparedStatement> current = prepared;
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    synchronized (this) {
      current = prepared;
      if (current == null || current.isCompletedExceptionally()) {
        current =
            session
                .prepareAsync(cql)
                .thenApply(
                    statement -> {
                      settings.accept(statement);
                      return statement;
                    });
        prepared = current;
      }
      return current;
    }
  }

  /**
   * The prepared statement, waiting for the preparation if needed.
   *
   * @return the statement
   * @throws RuntimeException what the preparation failed with ({@code CqlException} subtypes)
   */
  public PreparedStatement get() {
    return BlockingCalls.await(async());
  }

  /** The CQL text. */
  public String cql() {
    return cql;
  }

  @Override
  public String toString() {
    return "LazyStatement[" + cql + "]";
  }
}
