package org.cql4j.it.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.auth.PlainTextAuthProvider;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.observability.HistoryCollector;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.observability.RequestListener;
import org.cql4j.session.observability.RequestLogger;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Neither a password nor a bound value reaches anything the driver produces for people to read: the
 * log lines of every {@code org.cql4j} logger at TRACE (the {@link RequestLogger} logging every
 * request, with stack traces), the message, {@code toString()} and stack trace of every exception
 * the application gets (causes and suppressed exceptions included), what request listeners are told
 * (the OpenTelemetry listener builds its spans from exactly that: the {@link RequestDescription}
 * and the errors), a statement's history, and the {@code toString()} of statements and credentials.
 *
 * <p>The session logs in with a role whose password is unique to the run, then runs prepared,
 * unprepared and batched statements with distinctive text, blob, bigint and set values, and makes
 * them fail in every way that carries values: a value of the wrong type, too many values, a query
 * the node refuses, a key the node refuses as too long, a server error (forged by the proxy) and a
 * client-side timeout (the proxy holds the request back); and a login with a wrong password fails.
 * {@link LogOutputIT} checks the log lines without a proxy in the way.
 */
@CassandraTest(passwordAuthentication = true, proxy = true)
class SecretsIT {
  private static final String KS = "secrets_it";
  private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String ROLE = "secrets_" + RUN;
  private static final String PASSWORD = "s3cr3t-" + RUN;
  private static final String WRONG_PASSWORD = "wr0ng-" + RUN;
  private static final String SECRET_TEXT = "iban-" + RUN;
  private static final long SECRET_LONG = 7_341_982_650_113_579L;
  private static final byte[] SECRET_BLOB = ("blob-" + RUN).getBytes(StandardCharsets.UTF_8);
  private static final String SECRET_ELEMENT = "element-" + RUN;
  private static final String NOT_A_BIGINT = "bigint-" + RUN;
  private static final String EXTRA_VALUE = "extra-" + RUN;
  private static final String KEY_PART = "key-" + RUN;
  // over the 65,535 bytes Cassandra accepts in a partition key
  private static final String TOO_LONG_KEY = KEY_PART.repeat(70_000 / KEY_PART.length() + 1);

  private static final String INSERT =
      "INSERT INTO " + KS + ".accounts (id, n, b, tags) VALUES (?, ?, ?, ?)";
  private static final String SELECT = "SELECT n FROM " + KS + ".accounts WHERE id = ?";
  private static final String UNANSWERED_SELECT = "SELECT b FROM " + KS + ".accounts WHERE id = ?";
  private static final String FAILING_UPDATE = "UPDATE " + KS + ".accounts SET b = ? WHERE id = ?";

  private static List<String> contactPoints;
  private static CqlProxy proxy;

  private final DriverLogCapture log = new DriverLogCapture();

  private final List<Throwable> thrown = new ArrayList<>();
  private final List<String> texts = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void roleAndSchema(TestCluster cassandra) {
    contactPoints = cassandra.contactPoints();
    proxy = cassandra.proxy().orElseThrow();
    try (Session admin =
        Session.builder()
            .knownNodes(contactPoints)
            .user(cassandra.username().orElseThrow(), cassandra.password().orElseThrow())
            .build()) {
      // before the capture: this statement's text holds the password
      admin.queryUnpaged(
          "CREATE ROLE IF NOT EXISTS "
              + ROLE
              + " WITH PASSWORD = '"
              + PASSWORD
              + "' AND LOGIN = true AND SUPERUSER = true");
      admin.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS "
              + KS
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      admin.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS "
              + KS
              + ".accounts (id text PRIMARY KEY, n bigint, b blob, tags set<text>)");
    }
  }

  @BeforeEach
  void capture() {
    log.start();
  }

  @AfterEach
  void release() {
    log.stop();
  }

  @Test
  void noSecretReachesLogsExceptionsListenersOrToString() {
    HistoryCollector history = new HistoryCollector();
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .user(ROLE, PASSWORD)
            .requestListener(
                RequestLogger.builder().logSuccessfulRequests(true).logStackTraces(true).build())
            .requestListener(new Recorder())
            .build();
    try (session) {
      PreparedStatement insert = session.prepare(INSERT).setHistoryListener(history);
      Values row =
          Values.of(SECRET_TEXT, SECRET_LONG, ByteBuffer.wrap(SECRET_BLOB), Set.of(SECRET_ELEMENT));
      session.executeUnpaged(insert, row);
      PreparedStatement select = session.prepare(SELECT).setHistoryListener(history);
      assertThat(
              session
                  .executeUnpaged(select, Values.of(SECRET_TEXT))
                  .intoRowsResult()
                  .singleRow(Long.class))
          .isEqualTo(SECRET_LONG);
      Statement unprepared =
          new Statement("SELECT n, b, tags FROM " + KS + ".accounts WHERE id = ?");
      session.queryUnpaged(unprepared, Values.of(SECRET_TEXT));
      Batch batch =
          new Batch(BatchType.LOGGED)
              .appendStatement(insert)
              .appendStatement("UPDATE " + KS + ".accounts SET n = ? WHERE id = ?");
      session.batch(batch, List.of(row, Values.of(SECRET_LONG, SECRET_TEXT)));

      // a value the driver cannot write as the marker's type, and one value too many
      expect(
          SerializationException.class,
          () -> session.executeUnpaged(insert, Values.of(SECRET_TEXT, NOT_A_BIGINT, null, null)));
      expect(
          SerializationException.class,
          () -> session.executeUnpaged(select, Values.of(SECRET_TEXT, EXTRA_VALUE)));
      // statements the node refuses: a query it will not run, a partition key it will not store
      expect(
          DbException.class,
          () ->
              session.queryUnpaged(
                  "SELECT id FROM " + KS + ".accounts WHERE id = ? AND n = ?",
                  Values.of(SECRET_TEXT, SECRET_LONG)));
      expect(
          DbException.class,
          () ->
              session.executeUnpaged(
                  insert,
                  Values.of(TOO_LONG_KEY, SECRET_LONG, ByteBuffer.wrap(SECRET_BLOB), null)));
      // a server error on a write with values (forged), and a read the node never answers
      proxy
          .rules()
          .add(
              Condition.requestOpcode(Opcode.EXECUTE).and(Condition.queryContains(FAILING_UPDATE)),
              Action.forgeError(new DbError.ServerError(), "forged failure"));
      PreparedStatement update = session.prepare(FAILING_UPDATE).setHistoryListener(history);
      expect(
          DbException.class,
          () ->
              session.executeUnpaged(update, Values.of(ByteBuffer.wrap(SECRET_BLOB), SECRET_TEXT)));
      // (dropped rather than delayed: a frame still held back when the proxy closes would leak)
      proxy
          .rules()
          .add(
              Condition.direction(Direction.REQUEST)
                  .and(Condition.queryContains(UNANSWERED_SELECT))
                  .and(Condition.requestOpcode(Opcode.EXECUTE)),
              Action.drop());
      PreparedStatement unanswered =
          session
              .prepare(UNANSWERED_SELECT)
              .setConsistency(Consistency.ONE)
              .setRequestTimeout(Duration.ofMillis(300))
              .setHistoryListener(history);
      expect(
          RequestTimeoutException.class,
          () -> session.executeUnpaged(unanswered, Values.of(SECRET_TEXT)));

      texts.add(session.toString());
      texts.add(session.getClusterState().toString());
      for (Object statement : List.of(insert, select, unprepared, batch, update, unanswered)) {
        texts.add(statement.toString());
      }
      texts.add(history.structuredHistory().toString());
    }
    // a login that fails
    expect(
        AuthenticationException.class,
        () ->
            Session.builder()
                .knownNodes(contactPoints)
                .user(ROLE, WRONG_PASSWORD)
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .close());
    // the credentials' own text
    PlainTextAuthProvider credentials = new PlainTextAuthProvider(ROLE, PASSWORD);
    texts.add(credentials.toString());
    texts.add(
        credentials
            .newAuthenticator(
                InetSocketAddress.createUnresolved("127.0.0.1", 9042),
                "org.apache.cassandra.auth.PasswordAuthenticator")
            .toString());

    // what was captured is what the test meant to capture
    List<String> lines = log.lines();
    assertThat(thrown).hasSize(7);
    assertThat(lines)
        .as("the request logger's lines")
        .anyMatch(l -> l.contains("Request succeeded") && l.contains("BATCH"))
        .anyMatch(l -> l.contains("Request failed") && l.contains("RequestTimeoutException"))
        .anyMatch(l -> l.contains("Request failed") && l.contains("forged failure"));
    assertThat(log.events())
        .as("DEBUG lines are captured")
        .anyMatch(e -> e.getLevel() == Level.DEBUG);
    assertThat(texts)
        .as("the listener saw the failures")
        .anyMatch(t -> t.contains("forged failure"));

    // the check sees a secret where there is one: the values' own holder shows them
    assertThat(Values.of(SECRET_TEXT, ByteBuffer.wrap(SECRET_BLOB)).toString())
        .contains(SECRET_TEXT);

    List<String> everything = new ArrayList<>(lines);
    for (Throwable e : thrown) {
      everything.add(describe(e));
    }
    everything.addAll(texts);
    for (String secret : secrets()) {
      assertThat(everything).as("texts containing " + secret).noneMatch(t -> t.contains(secret));
    }
  }

  private void expect(Class<? extends Throwable> type, ThrowingCallable call) {
    Throwable e = catchThrowable(call);
    assertThat(e).isInstanceOf(type);
    thrown.add(e);
  }

  /** Records what request listeners are told, as text. */
  private final class Recorder implements RequestListener {
    @Override
    public void onStart(RequestDescription request) {
      texts.add(describe(request));
    }

    @Override
    public void onSuccess(RequestDescription request, Duration latency, Node coordinator) {
      texts.add(describe(request) + " " + coordinator);
    }

    @Override
    public void onError(RequestDescription request, Duration latency, Throwable error) {
      texts.add(describe(request) + " " + SecretsIT.describe(error));
    }

    @Override
    public void onAttemptError(
        RequestDescription request, Node node, int execution, Duration latency, Throwable error) {
      texts.add(describe(request) + " " + node + " " + SecretsIT.describe(error));
    }

    private String describe(RequestDescription request) {
      return request
          + " "
          + request.kind()
          + " "
          + request.cql()
          + " "
          + request.keyspace()
          + " "
          + request.consistency()
          + " "
          + request.routing();
    }
  }

  // the exception's toString and message, and its stack trace with every cause and suppressed one
  private static String describe(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append('\n').append(t.getMessage()).append('\n').append(t.getLocalizedMessage());
    }
    return out.toString();
  }

  // every form a secret could take in a text: itself, decimal, hex of its bytes, base64 of the
  // token
  private static List<String> secrets() {
    HexFormat hex = HexFormat.of();
    List<String> secrets = new ArrayList<>();
    for (String text :
        List.of(
            PASSWORD,
            WRONG_PASSWORD,
            SECRET_TEXT,
            SECRET_ELEMENT,
            NOT_A_BIGINT,
            EXTRA_VALUE,
            KEY_PART)) {
      secrets.add(text);
      secrets.add(hex.formatHex(text.getBytes(StandardCharsets.UTF_8)));
    }
    secrets.add(Long.toString(SECRET_LONG));
    secrets.add(hex.formatHex(ByteBuffer.allocate(8).putLong(SECRET_LONG).array()));
    secrets.add(hex.formatHex(SECRET_BLOB));
    secrets.add(new String(SECRET_BLOB, StandardCharsets.UTF_8));
    for (String password : List.of(PASSWORD, WRONG_PASSWORD)) {
      byte[] token = ("\0" + ROLE + "\0" + password).getBytes(StandardCharsets.UTF_8);
      secrets.add(Base64.getEncoder().encodeToString(token));
      secrets.add(hex.formatHex(token));
    }
    return secrets.stream().flatMap(s -> List.of(s, s.toUpperCase(Locale.ROOT)).stream()).toList();
  }
}
