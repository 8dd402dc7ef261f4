package org.cql4j.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.session.statement.StatementSettings;

/**
 * A session that prepares each CQL text the first time it runs and reuses the prepared statement
 * afterwards (the Rust driver's {@code CachingSession}): unprepared text gets the speed and routing
 * of prepared statements without the application keeping the statements. Thread-safe.
 *
 * <p>The cache holds at most {@code maxSize} texts; when a new one does not fit, the least recently
 * used is forgotten. Concurrent first executions of one text prepare it once and share the answer;
 * a failed preparation is not cached. Each execution takes its settings (consistency, timeout,
 * idempotence, profile...) from what it is given: a {@link Statement}'s settings, or the defaults
 * for a plain text. Texts are keys as written, with the keyspace set on the statement ({@link
 * Statement#setKeyspace(String)}), if any: an unqualified table is the one of that keyspace, or
 * else of the keyspace current when the text was first prepared.
 *
 * <pre>{@code
 * CachingSession cs = CachingSession.of(session, 1_000);
 * cs.executeUnpaged("SELECT name FROM shop.users WHERE id = ?", Values.of(id));
 * }</pre>
 */
public final class CachingSession {
  private final Session session;
  private final int maxSize;
  // by text and per-request keyspace (null for none): what a PREPARE names
  private final Map<Prepare, Entry> cache = new ConcurrentHashMap<>();

  // a cached text: its preparation, shared by concurrent first executions, and when it was used
  private static final class Entry {
    final CompletableFuture<PreparedStatement> prepared = new CompletableFuture<>();
    volatile long lastUsed = System.nanoTime();
  }

  private CachingSession(Session session, int maxSize) {
    this.session = Objects.requireNonNull(session, "session");
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
    }
    this.maxSize = maxSize;
  }

  /**
   * Wraps a session.
   *
   * @param session the session that runs the statements; still usable directly
   * @param maxSize how many prepared texts to keep, at least 1
   * @return the caching session
   */
  public static CachingSession of(Session session, int maxSize) {
    return new CachingSession(session, maxSize);
  }

  /** The wrapped session. */
  public Session session() {
    return session;
  }

  /** How many texts are cached (or being prepared) now. */
  public int size() {
    return cache.size();
  }

  /**
   * The prepared statement of a statement's text, prepared now if it is not cached, with the
   * statement's settings. The returned statement is the caller's own copy.
   *
   * @param statement the statement
   * @return completes with the prepared statement
   */
  public CompletableFuture<PreparedStatement> prepareAsync(Statement statement) {
    Objects.requireNonNull(statement, "statement");
    return prepared(statement);
  }

  /**
   * {@link #prepareAsync(Statement)} and waits.
   *
   * @param statement the statement
   * @return the prepared statement
   */
  public PreparedStatement prepare(Statement statement) {
    return BlockingCalls.await(prepareAsync(statement));
  }

  /**
   * Runs a text, prepared once, and gathers every row in one result.
   *
   * @param cql the CQL text
   * @param values the row of bound values ({@link Values}, a {@code @Row} record, a map by name)
   * @return completes with the result
   */
  public CompletableFuture<QueryResult> executeUnpagedAsync(String cql, Object values) {
    return cached(cql, null).thenCompose(ps -> session.executeUnpagedAsync(ps, values));
  }

  /**
   * Runs a statement, prepared once, with its settings, and gathers every row in one result.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @return completes with the result
   */
  public CompletableFuture<QueryResult> executeUnpagedAsync(Statement statement, Object values) {
    return prepared(statement).thenCompose(ps -> session.executeUnpagedAsync(ps, values));
  }

  /**
   * {@link #executeUnpagedAsync(String, Object)} and waits.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @return the result
   */
  public QueryResult executeUnpaged(String cql, Object values) {
    return BlockingCalls.await(executeUnpagedAsync(cql, values));
  }

  /**
   * {@link #executeUnpagedAsync(Statement, Object)} and waits.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @return the result
   */
  public QueryResult executeUnpaged(Statement statement, Object values) {
    return BlockingCalls.await(executeUnpagedAsync(statement, values));
  }

  /**
   * Fetches one page of a text's rows, prepared once.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @param pagingState {@link PagingState#start()}, or the state of the previous page
   * @return completes with the page
   */
  public CompletableFuture<QueryPage> executeSinglePageAsync(
      String cql, Object values, PagingState pagingState) {
    return cached(cql, null)
        .thenCompose(ps -> session.executeSinglePageAsync(ps, values, pagingState));
  }

  /**
   * Fetches one page of a statement's rows, prepared once, with its settings.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @param pagingState {@link PagingState#start()}, or the state of the previous page
   * @return completes with the page
   */
  public CompletableFuture<QueryPage> executeSinglePageAsync(
      Statement statement, Object values, PagingState pagingState) {
    return prepared(statement)
        .thenCompose(ps -> session.executeSinglePageAsync(ps, values, pagingState));
  }

  /**
   * {@link #executeSinglePageAsync(String, Object, PagingState)} and waits.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @param pagingState where to start
   * @return the page
   */
  public QueryPage executeSinglePage(String cql, Object values, PagingState pagingState) {
    return BlockingCalls.await(executeSinglePageAsync(cql, values, pagingState));
  }

  /**
   * {@link #executeSinglePageAsync(Statement, Object, PagingState)} and waits.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @param pagingState where to start
   * @return the page
   */
  public QueryPage executeSinglePage(Statement statement, Object values, PagingState pagingState) {
    return BlockingCalls.await(executeSinglePageAsync(statement, values, pagingState));
  }

  /**
   * Iterates over all rows of a text, prepared once (waiting for the preparation if the text is
   * new), page by page.
   *
   * @param cql the CQL text
   * @param values the row of bound values
   * @return the pager
   */
  public QueryPager executeIter(String cql, Object values) {
    return session.executeIter(BlockingCalls.await(cached(cql, null)), values);
  }

  /**
   * Iterates over all rows of a statement, prepared once, with its settings.
   *
   * @param statement the statement
   * @param values the row of bound values
   * @return the pager
   */
  public QueryPager executeIter(Statement statement, Object values) {
    return session.executeIter(BlockingCalls.await(prepared(statement)), values);
  }

  /**
   * Runs a batch whose unprepared statements are replaced by their cached prepared statements
   * (prepared now if new, in the batch's keyspace if it has one, as {@code Session.batch} does),
   * each keeping its settings; the batch's settings and keyspace are kept.
   *
   * @param batch the batch
   * @param values one row of bound values per statement
   * @return completes with the result
   */
  public CompletableFuture<QueryResult> batchAsync(Batch batch, List<?> values) {
    Objects.requireNonNull(batch, "batch");
    String keyspace = batch.getKeyspace().orElse(null);
    List<CompletableFuture<? extends StatementSettings<?>>> statements = new ArrayList<>();
    for (StatementSettings<?> statement : batch.statements()) {
      statements.add(
          statement instanceof Statement s
              ? prepared(
                  Objects.equals(s.getKeyspace().orElse(null), keyspace)
                      ? s
                      : s.copy().setKeyspace(keyspace))
              : CompletableFuture.completedFuture(statement));
    }
    return CompletableFuture.allOf(statements.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              Batch prepared = new Batch(batch.type());
              PreparedStatements.access().copySettings(batch, prepared);
              prepared.setKeyspace(keyspace);
              for (CompletableFuture<? extends StatementSettings<?>> statement : statements) {
                prepared.appendStatement((PreparedStatement) statement.join());
              }
              return session.batchAsync(prepared, values);
            });
  }

  /**
   * {@link #batchAsync(Batch, List)} and waits.
   *
   * @param batch the batch
   * @param values one row of bound values per statement
   * @return the result
   */
  public QueryResult batch(Batch batch, List<?> values) {
    return BlockingCalls.await(batchAsync(batch, values));
  }

  // a copy of the cached statement with the statement's settings
  private CompletableFuture<PreparedStatement> prepared(Statement statement) {
    Objects.requireNonNull(statement, "statement");
    return cached(statement.cql(), statement).thenApply(ps -> withSettings(ps, statement));
  }

  // the cached statement, with default settings: never handed to the application
  private CompletableFuture<PreparedStatement> cached(String cql, Statement statement) {
    Objects.requireNonNull(cql, "cql");
    Prepare key = new Prepare(cql, statement == null ? null : statement.getKeyspace().orElse(null));
    Entry entry = cache.get(key);
    if (entry != null) {
      entry.lastUsed = System.nanoTime();
      return entry.prepared;
    }
    Entry created = new Entry();
    entry = cache.putIfAbsent(key, created);
    if (entry != null) {
      return entry.prepared;
    }
    evictBeyondMaxSize();
    session
        .prepareAsync(statement != null ? statement : new Statement(cql))
        .whenComplete(
            (ps, error) -> {
              if (error != null) {
                cache.remove(key, created); // the next execution tries again
                created.prepared.completeExceptionally(error);
              } else {
                // the session's own instance (it prepares it again on a node that comes back
                // while it is cached), with the defaults: each execution brings its settings
                PreparedStatements.access().copySettings(new Statement(cql), ps);
                created.prepared.complete(ps);
              }
            });
    return created.prepared;
  }

  // misses only: forget the least recently used texts until the cache fits
  private void evictBeyondMaxSize() {
    while (cache.size() > maxSize) {
      Map.Entry<Prepare, Entry> oldest = null;
      for (Map.Entry<Prepare, Entry> e : cache.entrySet()) {
        if (oldest == null || e.getValue().lastUsed - oldest.getValue().lastUsed < 0) {
          oldest = e;
        }
      }
      if (oldest == null) {
        return;
      }
      cache.remove(oldest.getKey(), oldest.getValue());
    }
  }

  private static PreparedStatement withSettings(PreparedStatement ps, Statement settings) {
    PreparedStatement copy = ps.copy();
    PreparedStatements.access().copySettings(settings, copy);
    return copy;
  }
}
