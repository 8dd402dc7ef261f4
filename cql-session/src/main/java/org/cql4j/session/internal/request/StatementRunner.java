package org.cql4j.session.internal.request;

import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.Request;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryResult;
import org.cql4j.session.errors.UnsupportedFeatureException;
import org.cql4j.session.internal.context.SessionContext;
import org.cql4j.session.internal.paging.PageFetcher;
import org.cql4j.session.internal.prepare.Preparer;
import org.cql4j.session.internal.profile.EffectiveSettings;
import org.cql4j.session.internal.result.DefaultQueryResult;
import org.cql4j.session.internal.routing.SerializedValues;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.observability.QueryKind;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.session.statement.StatementSettings;

/**
 * Turns the session's calls into requests: resolves settings, binds values, prepares what must be
 * prepared, and runs a {@link CqlRequest}. Thread-safe (per-request state lives in the handler; the
 * cache of statements prepared for values is a concurrent map).
 */
public final class StatementRunner {
  private static final int PREPARED_CACHE_SIZE = 1024;

  private final SessionContext context;
  private final ExecutionProfileHandle defaultProfile;
  private final RequestMessages messages;
  // by text and keyspace: the same text prepared in two keyspaces makes two statements
  private final Map<Prepare, CompletableFuture<PreparedStatement>> preparedByCql =
      new ConcurrentHashMap<>();

  /**
   * Creates the runner.
   *
   * @param context the session's components
   */
  public StatementRunner(SessionContext context) {
    this.context = context;
    this.defaultProfile = context.config().defaultProfile();
    this.messages = new RequestMessages(context.config().timestampGenerator());
  }

  /** See {@code Session.queryUnpagedAsync}. */
  public CompletableFuture<QueryResult> queryUnpaged(Statement statement, Object values) {
    return query(
        QueryKind.UNPAGED, statement, values, RequestMessages.UNPAGED, null, QueryPage::result);
  }

  /** See {@code Session.querySinglePageAsync}. */
  public CompletableFuture<QueryPage> querySinglePage(
      Statement statement, Object values, PagingState state) {
    Objects.requireNonNull(state, "pagingState (use PagingState.start())");
    return query(
        QueryKind.SINGLE_PAGE,
        statement,
        values,
        statement.getPageSize(),
        state,
        Function.identity());
  }

  /** The page source of {@code Session.queryIter} (with values, prepared once per text). */
  public PageFetcher queryPages(Statement statement, Object values) {
    checkValues(values);
    return state ->
        query(
            QueryKind.ITERATED,
            statement,
            values,
            statement.getPageSize(),
            state,
            Function.identity());
  }

  /** See {@code Session.executeUnpagedAsync}. */
  public CompletableFuture<QueryResult> executeUnpaged(PreparedStatement statement, Object values) {
    return execute(
        QueryKind.UNPAGED, statement, values, RequestMessages.UNPAGED, null, QueryPage::result);
  }

  /** See {@code Session.executeSinglePageAsync}. */
  public CompletableFuture<QueryPage> executeSinglePage(
      PreparedStatement statement, Object values, PagingState state) {
    Objects.requireNonNull(state, "pagingState (use PagingState.start())");
    return execute(
        QueryKind.SINGLE_PAGE,
        statement,
        values,
        statement.getPageSize(),
        state,
        Function.identity());
  }

  /** The page source of {@code Session.executeIter}. */
  public PageFetcher executePages(PreparedStatement statement, Object values) {
    checkValues(values);
    return state ->
        execute(
            QueryKind.ITERATED,
            statement,
            values,
            statement.getPageSize(),
            state,
            Function.identity());
  }

  /**
   * Prepares a statement on one node, then on every other reachable node; in the statement's
   * keyspace, if it has one.
   *
   * @param statement the statement; its settings are copied to the result
   * @return completes with the prepared statement
   */
  public CompletableFuture<PreparedStatement> prepare(Statement statement) {
    Objects.requireNonNull(statement, "statement");
    return prepare(statement, statement.getKeyspace().orElse(null));
  }

  private CompletableFuture<PreparedStatement> prepare(Statement statement, String keyspace) {
    UnsupportedFeatureException refused = V5Only.refusal(context, keyspace, OptionalInt.empty());
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    EffectiveSettings resolved = EffectiveSettings.resolve(statement, defaultProfile);
    // preparing changes nothing on the server: always safe to retry elsewhere
    EffectiveSettings settings =
        new EffectiveSettings(
            resolved.profile(),
            resolved.consistency(),
            resolved.serialConsistency(),
            resolved.requestTimeout(),
            resolved.pageSize(),
            OptionalLong.empty(),
            OptionalInt.empty(),
            false,
            true,
            resolved.history());
    // native_protocol_v5.spec §4.1.5: the keyspace unqualified names resolve in
    Prepare prepare = new Prepare(statement.cql(), keyspace);
    CqlRequest<QueryPage> handler =
        new CqlRequest<>(context, settings, prepare, null, null, null, Function.identity());
    return handler
        .run(QueryKind.PREPARE)
        .thenCompose(
            page -> {
              PreparedResult result =
                  (PreparedResult) ((DefaultQueryResult) page.result()).result();
              // ScyllaDB marks conditional statements with the negotiated LWT bit
              int lwtMask = handler.answeredOn().scyllaExtensions().lwtMetadataMask().orElse(0);
              PreparedStatement ps =
                  PreparedStatements.create(
                      statement.cql(), keyspace, result, result.variables().isLwt(lwtMask));
              PreparedStatements.access().copySettings(statement, ps);
              context.preparedTexts().add(prepare, ps);
              Duration timeout =
                  settings.requestTimeout() == null ? Duration.ZERO : settings.requestTimeout();
              return Preparer.onOtherNodes(context.pools(), prepare, handler.coordinator(), timeout)
                  .thenApply(v -> ps);
            });
  }

  /**
   * Runs a batch, in its keyspace if it has one (its unprepared statements with values are prepared
   * in it).
   *
   * @param batch the batch
   * @param values one row of values per statement
   * @return completes with the result
   */
  public CompletableFuture<QueryResult> batch(Batch batch, List<?> values) {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(values, "values");
    String keyspace = batch.getKeyspace().orElse(null);
    UnsupportedFeatureException refused =
        V5Only.refusal(context, keyspace, batch.getNowInSeconds());
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    List<StatementSettings<?>> statements = batch.statements();
    if (values.size() != statements.size()) {
      throw new IllegalArgumentException(
          "the batch has "
              + statements.size()
              + " statements but "
              + values.size()
              + " rows of values were given: pass one row per statement (Values.EMPTY for none)");
    }
    List<CompletableFuture<Object>> ready = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      Object rowValues = values.get(i);
      checkValues(rowValues);
      StatementSettings<?> s = statements.get(i);
      if (s instanceof Statement unprepared && !BoundRow.hasNoValues(rowValues)) {
        ready.add(preparedForValues(unprepared, keyspace).thenApply(ps -> ps));
      } else {
        ready.add(CompletableFuture.completedFuture(s));
      }
    }
    return CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              List<Object> resolved = ready.stream().map(CompletableFuture::join).toList();
              List<BoundValues> bound = new ArrayList<>(resolved.size());
              for (int i = 0; i < resolved.size(); i++) {
                bound.add(
                    resolved.get(i) instanceof PreparedStatement ps
                        ? BoundRow.of(ps, values.get(i))
                        : BoundValues.EMPTY);
              }
              EffectiveSettings settings = EffectiveSettings.resolve(batch, defaultProfile);
              return run(
                  QueryKind.UNPAGED,
                  settings,
                  messages.batch(batch.type(), resolved, bound, settings, keyspace),
                  prepareOfBatchId(resolved),
                  QueryPage::result);
            });
  }

  /**
   * Switches the session to a keyspace through a {@code USE} request.
   *
   * @param keyspaceCql the keyspace as a CQL identifier
   * @return completes when every connection switched
   */
  public CompletableFuture<Void> useKeyspace(String keyspaceCql) {
    return runQuery(
        QueryKind.UNPAGED,
        new Statement("USE " + keyspaceCql),
        RequestMessages.UNPAGED,
        null,
        page -> null);
  }

  private <T> CompletableFuture<T> query(
      QueryKind kind,
      Statement statement,
      Object values,
      int pageSize,
      PagingState state,
      Function<QueryPage, T> finish) {
    Objects.requireNonNull(statement, "statement");
    checkValues(values);
    if (BoundRow.hasNoValues(values)) {
      return runQuery(kind, statement, pageSize, state, finish);
    }
    // the server must tell the markers' types before values can be checked and written
    return preparedForValues(statement, statement.getKeyspace().orElse(null))
        .thenCompose(ps -> execute(kind, ps, values, pageSize, state, finish));
  }

  // An unprepared statement with values is prepared once per CQL text and keyspace, then executed,
  // like the Java driver's prepared-statement cache; the copy carries this call's settings.
  private CompletableFuture<PreparedStatement> preparedForValues(
      Statement statement, String keyspace) {
    Prepare key = new Prepare(statement.cql(), keyspace);
    CompletableFuture<PreparedStatement> cached = preparedByCql.get(key);
    if (cached == null || cached.isCompletedExceptionally()) {
      if (preparedByCql.size() >= PREPARED_CACHE_SIZE) {
        preparedByCql.clear(); // crude but bounded: applications rarely run this many texts
      }
      cached = prepare(statement, keyspace);
      preparedByCql.put(key, cached);
    }
    return cached.thenApply(
        prepared -> {
          PreparedStatement copy = prepared.copy();
          PreparedStatements.access().copySettings(statement, copy);
          return copy;
        });
  }

  private <T> CompletableFuture<T> runQuery(
      QueryKind kind,
      Statement statement,
      int pageSize,
      PagingState state,
      Function<QueryPage, T> finish) {
    EffectiveSettings settings = EffectiveSettings.resolve(statement, defaultProfile);
    UnsupportedFeatureException refused =
        V5Only.refusal(context, statement.getKeyspace().orElse(null), settings.nowInSeconds());
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    return run(kind, settings, messages.query(statement, settings, pageSize, state), null, finish);
  }

  private <T> CompletableFuture<T> execute(
      QueryKind kind,
      PreparedStatement statement,
      Object values,
      int pageSize,
      PagingState state,
      Function<QueryPage, T> finish) {
    Objects.requireNonNull(statement, "statement");
    checkValues(values);
    EffectiveSettings settings = EffectiveSettings.resolve(statement, defaultProfile);
    UnsupportedFeatureException refused = V5Only.refusal(context, null, settings.nowInSeconds());
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    BoundValues bound;
    SerializedValues serialized = null;
    int versionBlock = 0;
    try {
      bound = BoundRow.of(statement, values);
      if (statement.isTokenAware()) {
        // serialized before routing: the token comes from the bytes the frame will carry
        bound = serialized = SerializedValues.of(bound, ByteBufAllocator.DEFAULT);
        versionBlock =
            context
                .metadata()
                .tablets()
                .versionBlock(
                    statement.keyspace().orElse(null),
                    statement.table().orElse(null),
                    serialized.token(statement.partitionKeyIndexes()));
      }
    } catch (RuntimeException e) {
      if (serialized != null) {
        serialized.release();
      }
      return CompletableFuture.failedFuture(e);
    }
    return new CqlRequest<>(
            context,
            settings,
            messages.execute(statement, bound, settings, pageSize, state, versionBlock),
            statement,
            serialized,
            null,
            finish)
        .run(kind);
  }

  // a QUERY or a BATCH: no prepared statement, no token
  private <T> CompletableFuture<T> run(
      QueryKind kind,
      EffectiveSettings settings,
      Request message,
      Function<byte[], Prepare> prepareOfBatchId,
      Function<QueryPage, T> finish) {
    return new CqlRequest<>(context, settings, message, null, null, prepareOfBatchId, finish)
        .run(kind);
  }

  // each prepared statement of a batch is prepared again in the keyspace it was prepared in
  private static Function<byte[], Prepare> prepareOfBatchId(List<Object> statements) {
    Map<String, Prepare> byId = new HashMap<>();
    for (Object s : statements) {
      if (s instanceof PreparedStatement ps) {
        byId.put(
            HexFormat.of().formatHex(PreparedStatements.access().rawId(ps)),
            PreparedStatements.prepareAgain(ps));
      }
    }
    return byId.isEmpty() ? null : id -> byId.get(HexFormat.of().formatHex(id));
  }

  private static void checkValues(Object values) {
    Objects.requireNonNull(values, "values (use Values.EMPTY for none)");
  }
}
