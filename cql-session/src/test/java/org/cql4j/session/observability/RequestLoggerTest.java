package org.cql4j.session.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.Node;
import org.cql4j.session.internal.metadata.DefaultNode;
import org.cql4j.session.policy.RoutingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The lines of a {@link RequestLogger}, captured from logback (the binding of this module's tests).
 */
class RequestLoggerTest {
  static {
    // the tests run inside the session's module, which does not read logback's: let it, before
    // the first use of a logback class
    Module classic = LoggerFactory.getILoggerFactory().getClass().getModule();
    Module self = RequestLoggerTest.class.getModule();
    self.addReads(classic);
    if (classic.getLayer() != null) {
      classic.getLayer().findModule("ch.qos.logback.core").ifPresent(self::addReads);
    }
  }

  private static final String CQL = "SELECT v FROM ks.kv WHERE k = ?";
  private static final Node NODE =
      new DefaultNode(
          new InetSocketAddress("10.0.0.7", 9042), UUID.randomUUID(), "dc1", "r1", List.of());

  private final Logger log = (Logger) LoggerFactory.getLogger(RequestLogger.LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level levelBefore;

  @BeforeEach
  void capture() {
    levelBefore = log.getLevel();
    log.setLevel(Level.TRACE);
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void release() {
    log.detachAppender(logged);
    log.setLevel(levelBefore);
  }

  @Test
  void loggerNameIsTheDocumentedOne() {
    assertThat(RequestLogger.LOGGER_NAME).isEqualTo(RequestLogger.class.getName());
  }

  @Test
  void aFastSuccessfulRequestIsNotLoggedByDefault() {
    RequestLogger logger = RequestLogger.builder().build();
    logger.onSuccess(request(CQL), Duration.ofMillis(999), NODE);
    assertThat(logged.list).isEmpty();
  }

  @Test
  void aRequestSlowerThanTheDefaultSecondIsLoggedAtWarn() {
    RequestLogger logger = RequestLogger.builder().build();
    logger.onSuccess(request(CQL), Duration.ofMillis(1001), NODE);

    assertThat(logged.list).singleElement().satisfies(e -> assertLevel(e, Level.WARN));
    assertThat(message(0))
        .isEqualTo(
            "Slow request (1001 ms > 1000 ms): EXECUTE \""
                + CQL
                + "\" [keyspace=ks, consistency=QUORUM, coordinator=10.0.0.7:9042]");
    assertThat(logged.list.get(0).getThrowableProxy()).isNull();
  }

  @Test
  void theSlowThresholdIsConfigurable() {
    RequestLogger logger = RequestLogger.builder().slowThreshold(Duration.ofMillis(100)).build();
    logger.onSuccess(request(CQL), Duration.ofMillis(100), NODE); // not slower than it
    logger.onSuccess(request(CQL), Duration.ofMillis(150), NODE);

    assertThat(logged.list).singleElement().satisfies(e -> assertLevel(e, Level.WARN));
    assertThat(message(0)).startsWith("Slow request (150 ms > 100 ms): EXECUTE");
  }

  @Test
  void aHugeSlowThresholdNeverLogs() {
    RequestLogger logger =
        RequestLogger.builder().slowThreshold(ChronoUnit.FOREVER.getDuration()).build();
    logger.onSuccess(request(CQL), Duration.ofDays(365), NODE);
    assertThat(logged.list).isEmpty();
  }

  @Test
  void successfulRequestsAreLoggedAtInfoWhenAsked() {
    RequestLogger logger = RequestLogger.builder().logSuccessfulRequests(true).build();
    logger.onSuccess(request(CQL), Duration.ofMillis(3), NODE);
    logger.onSuccess(request(CQL), Duration.ofSeconds(2), NODE); // slow: once, at WARN

    assertThat(logged.list).hasSize(2);
    assertLevel(logged.list.get(0), Level.INFO);
    assertThat(message(0))
        .isEqualTo(
            "Request succeeded (3 ms): EXECUTE \""
                + CQL
                + "\" [keyspace=ks, consistency=QUORUM, coordinator=10.0.0.7:9042]");
    assertLevel(logged.list.get(1), Level.WARN);
    assertThat(message(1)).startsWith("Slow request (2000 ms > 1000 ms)");
  }

  @Test
  void failedRequestsAreLoggedAtWarnByDefault() {
    RequestLogger logger = RequestLogger.builder().build();
    logger.onError(request(CQL), Duration.ofMillis(12), timeout());

    assertThat(logged.list).singleElement().satisfies(e -> assertLevel(e, Level.WARN));
    assertThat(message(0))
        .isEqualTo(
            "Request failed (12 ms): EXECUTE \""
                + CQL
                + "\" [keyspace=ks, consistency=QUORUM]: DbException: "
                + timeout().getMessage());
    assertThat(logged.list.get(0).getThrowableProxy()).as("no stack trace by default").isNull();
  }

  @Test
  void failedRequestsAreNotLoggedWhenErrorsAreOff() {
    RequestLogger logger = RequestLogger.builder().logErrors(false).build();
    logger.onError(request(CQL), Duration.ofSeconds(5), timeout());
    assertThat(logged.list).isEmpty();
  }

  @Test
  void anErrorWithoutMessageShowsItsClass() {
    RequestLogger.builder()
        .build()
        .onError(request(CQL), Duration.ZERO, new IllegalStateException());
    assertThat(message(0)).endsWith("[keyspace=ks, consistency=QUORUM]: IllegalStateException");
  }

  @Test
  void stackTracesAreLoggedWhenAsked() {
    RequestLogger logger = RequestLogger.builder().logStackTraces(true).build();
    DbException error = timeout();
    logger.onError(request(CQL), Duration.ofMillis(12), error);

    assertThat(logged.list).singleElement().satisfies(e -> assertLevel(e, Level.WARN));
    assertThat(logged.list.get(0).getThrowableProxy()).isNotNull();
    assertThat(logged.list.get(0).getThrowableProxy().getClassName())
        .isEqualTo(DbException.class.getName());
    assertThat(logged.list.get(0).getThrowableProxy().getStackTraceElementProxyArray())
        .isNotEmpty();
  }

  @Test
  void theCqlIsCutAtTheDefault500Characters() {
    String cql = "SELECT v FROM ks.kv WHERE k IN (" + "?, ".repeat(300) + "?)";
    RequestLogger.builder().build().onError(request(cql), Duration.ZERO, timeout());

    assertThat(message(0)).contains("EXECUTE \"" + cql.substring(0, 500) + "...\" [keyspace=ks");
  }

  @Test
  void theCqlIsCutAtTheConfiguredLength() {
    RequestLogger logger = RequestLogger.builder().maxQueryLength(10).build();
    logger.onError(request(CQL), Duration.ZERO, timeout());
    logger.onError(request("SELECT 1"), Duration.ZERO, timeout()); // shorter: kept whole

    assertThat(message(0)).contains("EXECUTE \"SELECT v F...\" [keyspace=ks");
    assertThat(message(1)).contains("EXECUTE \"SELECT 1\" [keyspace=ks");
  }

  @Test
  void theCqlIsLoggedOnOneLine() {
    RequestLogger logger = RequestLogger.builder().maxQueryLength(19).build();
    logger.onError(request("  SELECT v\n  FROM ks.kv\n\tWHERE k = ?\n"), Duration.ZERO, timeout());

    assertThat(message(0)).contains("\"SELECT v FROM ks.kv...\"").doesNotContain("\n");
  }

  @Test
  void retriesAndSpeculativeExecutionsAreCounted() {
    RequestLogger logger = RequestLogger.builder().slowThreshold(Duration.ZERO).build();
    RequestDescription request = request(CQL);
    logger.onStart(request);
    logger.onAttemptStart(request, NODE, 0);
    logger.onAttemptError(request, NODE, 0, Duration.ofMillis(1), timeout());
    logger.onAttemptStart(request, NODE, 0); // the retry
    logger.onSpeculativeExecution(request, 1);
    logger.onAttemptStart(request, NODE, 1);
    logger.onAttemptSuccess(request, NODE, 1, Duration.ofMillis(1));
    logger.onSuccess(request, Duration.ofMillis(5), NODE);

    assertThat(message(0))
        .endsWith(
            "[keyspace=ks, consistency=QUORUM, coordinator=10.0.0.7:9042, attempts=3,"
                + " speculative executions=1]");

    // the count ended with the request: the same object told again starts from nothing
    logger.onAttemptStart(request, NODE, 0);
    logger.onSuccess(request, Duration.ofMillis(5), NODE);
    assertThat(message(1)).endsWith("[keyspace=ks, consistency=QUORUM, coordinator=10.0.0.7:9042]");
  }

  @Test
  void theAttemptsOfAFailedRequestAreCounted() {
    RequestLogger logger = RequestLogger.builder().build();
    RequestDescription request = request(CQL);
    logger.onAttemptStart(request, NODE, 0);
    logger.onAttemptError(request, NODE, 0, Duration.ofMillis(1), timeout());
    logger.onAttemptStart(request, NODE, 0);
    logger.onAttemptError(request, NODE, 0, Duration.ofMillis(1), timeout());
    logger.onError(request, Duration.ofMillis(5), timeout());

    assertThat(message(0)).contains("[keyspace=ks, consistency=QUORUM, attempts=2]: DbException");
  }

  @Test
  void anUnknownKeyspaceIsLeftOut() {
    RequestLogger.builder()
        .build()
        .onError(new Description("QUERY", "SELECT 1", null), Duration.ZERO, timeout());
    assertThat(message(0)).contains("QUERY \"SELECT 1\" [consistency=QUORUM]");
  }

  @Test
  void nothingIsFormattedWhenNothingIsLogged() {
    RequestLogger built = RequestLogger.builder().slowThreshold(Duration.ofMillis(10)).build();
    Description request = request(CQL);

    built.onSuccess(request, Duration.ofMillis(5), NODE); // fast
    log.setLevel(Level.ERROR); // WARN and below are off
    built.onSuccess(request, Duration.ofSeconds(5), NODE);
    built.onError(request, Duration.ofSeconds(5), timeout());
    RequestLogger.builder()
        .logSuccessfulRequests(true)
        .build()
        .onSuccess(request, Duration.ZERO, NODE);

    assertThat(logged.list).isEmpty();
    assertThat(request.reads.get()).as("reads of the request's CQL, kind and keyspace").isZero();
  }

  @Test
  void theBuilderRejectsBadValues() {
    assertThatThrownBy(() -> RequestLogger.builder().slowThreshold(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slowThreshold");
    assertThatThrownBy(() -> RequestLogger.builder().slowThreshold(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RequestLogger.builder().maxQueryLength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQueryLength");
  }

  @Test
  void toStringShowsTheSettings() {
    assertThat(RequestLogger.builder().build().toString())
        .isEqualTo(
            "RequestLogger[slowThreshold=PT1S, logSuccessfulRequests=false, logErrors=true,"
                + " maxQueryLength=500, logStackTraces=false]");
  }

  // ---- helpers ----

  private String message(int i) {
    return logged.list.get(i).getFormattedMessage();
  }

  private static void assertLevel(ILoggingEvent event, Level level) {
    assertThat(event.getLevel()).isEqualTo(level);
    assertThat(event.getLoggerName()).isEqualTo(RequestLogger.LOGGER_NAME);
  }

  private static DbException timeout() {
    return new DbException(
        new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, true),
        "Operation timed out - received only 1 responses.");
  }

  private static Description request(String cql) {
    return new Description("EXECUTE", cql, "ks");
  }

  /** A request's description that counts how often what a line shows is read. */
  private static final class Description implements RequestDescription {
    final AtomicInteger reads = new AtomicInteger();
    private final String kind;
    private final String cql;
    private final String keyspace;

    Description(String kind, String cql, String keyspace) {
      this.kind = kind;
      this.cql = cql;
      this.keyspace = keyspace;
    }

    @Override
    public String kind() {
      reads.incrementAndGet();
      return kind;
    }

    @Override
    public String cql() {
      reads.incrementAndGet();
      return cql;
    }

    @Override
    public Optional<String> keyspace() {
      reads.incrementAndGet();
      return Optional.ofNullable(keyspace);
    }

    @Override
    public Consistency consistency() {
      return Consistency.QUORUM;
    }

    @Override
    public RoutingInfo routing() {
      return null;
    }

    @Override
    public boolean idempotent() {
      return true;
    }
  }
}
