package org.cql4j.it.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.observability.RequestLogger;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Everything the driver logs, at every level down to TRACE, while a session logs in with a password
 * and runs statements with distinctive bound values (and a {@link RequestLogger} logs every
 * request): neither the password, nor the SASL token, nor any value appears. The test kit's own
 * loggers ({@code org.cql4j.testkit}) are test infrastructure and left out.
 */
@CassandraTest(passwordAuthentication = true)
class LogOutputIT {
  private static final String KS = "log_output_it";
  private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String ROLE = "log_review_" + RUN;
  private static final String PASSWORD = "Pw-" + RUN + "-secret";
  private static final String WRONG_PASSWORD = "Wrong-" + RUN + "-secret";
  private static final String SECRET_TEXT = "card-" + RUN;
  private static final long SECRET_LONG = 4_929_123_456_789_012L;
  private static final byte[] SECRET_BLOB = ("blob-" + RUN).getBytes(StandardCharsets.UTF_8);
  private static final String SECRET_ELEMENT = "element-" + RUN;
  private static final String NOT_A_BIGINT = "bigint-" + RUN;

  private static List<String> contactPoints;

  private final DriverLogCapture log = new DriverLogCapture();

  @BeforeAll
  static void roleAndSchema(TestCluster cassandra) {
    contactPoints = cassandra.contactPoints();
    try (Session admin =
        Session.builder()
            .knownNodes(contactPoints)
            .user(cassandra.username().orElseThrow(), cassandra.password().orElseThrow())
            .build()) {
      // before the capture: this statement's text holds the password
      admin.queryUnpaged(
          "CREATE ROLE "
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
  void noLogLineShowsThePasswordOrABoundValue() {
    RequestLogger everything =
        RequestLogger.builder().logSuccessfulRequests(true).logStackTraces(true).build();
    try (Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .user(ROLE, PASSWORD)
            .requestListener(everything)
            .build()) {
      PreparedStatement insert =
          session.prepare("INSERT INTO " + KS + ".accounts (id, n, b, tags) VALUES (?, ?, ?, ?)");
      session.executeUnpaged(
          insert,
          Values.of(
              SECRET_TEXT, SECRET_LONG, ByteBuffer.wrap(SECRET_BLOB), Set.of(SECRET_ELEMENT)));
      PreparedStatement select = session.prepare("SELECT n FROM " + KS + ".accounts WHERE id = ?");
      assertThat(
              session
                  .executeUnpaged(select, Values.of(SECRET_TEXT))
                  .intoRowsResult()
                  .singleRow(Long.class))
          .isEqualTo(SECRET_LONG);
      session.queryUnpaged(
          "SELECT n, b, tags FROM " + KS + ".accounts WHERE id = ?", Values.of(SECRET_TEXT));
      session.batch(
          new Batch(BatchType.LOGGED)
              .appendStatement(insert)
              .appendStatement("UPDATE " + KS + ".accounts SET n = ? WHERE id = ?"),
          List.of(
              Values.of(
                  SECRET_TEXT, SECRET_LONG, ByteBuffer.wrap(SECRET_BLOB), Set.of(SECRET_ELEMENT)),
              Values.of(SECRET_LONG, SECRET_TEXT)));
      // failed requests with values: a text where the driver knows a bigint is expected, and a
      // statement the server refuses
      assertThatThrownBy(
              () ->
                  session.queryUnpaged(
                      "UPDATE " + KS + ".accounts SET n = ? WHERE id = ?",
                      Values.of(NOT_A_BIGINT, SECRET_TEXT)))
          .isInstanceOf(SerializationException.class);
      assertThatThrownBy(
              () ->
                  session.queryUnpaged(
                      "SELECT id FROM " + KS + ".accounts WHERE id = ? AND n = ?",
                      Values.of(SECRET_TEXT, SECRET_LONG)))
          .isInstanceOf(DbException.class);
    }
    // a login that fails
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNodes(contactPoints)
                    .user(ROLE, WRONG_PASSWORD)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .close())
        .isInstanceOf(AuthenticationException.class);

    List<String> lines = log.lines();
    assertThat(lines).as("the driver's log lines").isNotEmpty();
    assertThat(log.events())
        .as("DEBUG lines are captured")
        .anyMatch(e -> e.getLevel() == Level.DEBUG);
    assertThat(lines)
        .as("the request logger's lines are captured")
        .anyMatch(l -> l.contains("Request succeeded") && l.contains("EXECUTE"))
        .anyMatch(l -> l.contains("Request failed"));

    for (String secret : secrets()) {
      assertThat(lines).as("lines containing " + secret).noneMatch(l -> l.contains(secret));
    }
  }

  // every form a secret could take in a line: text, decimal, hex of its bytes, base64 of the token
  private static List<String> secrets() {
    HexFormat hex = HexFormat.of();
    List<String> secrets = new ArrayList<>();
    for (String text :
        List.of(PASSWORD, WRONG_PASSWORD, SECRET_TEXT, SECRET_ELEMENT, NOT_A_BIGINT)) {
      secrets.add(text);
      secrets.add(hex.formatHex(text.getBytes(StandardCharsets.UTF_8)));
    }
    secrets.add(Long.toString(SECRET_LONG));
    secrets.add(hex.formatHex(ByteBuffer.allocate(8).putLong(SECRET_LONG).array()));
    secrets.add(hex.formatHex(SECRET_BLOB));
    for (String password : List.of(PASSWORD, WRONG_PASSWORD)) {
      byte[] token = ("\0" + ROLE + "\0" + password).getBytes(StandardCharsets.UTF_8);
      secrets.add(Base64.getEncoder().encodeToString(token));
      secrets.add(hex.formatHex(token));
    }
    return secrets.stream().flatMap(s -> List.of(s, s.toUpperCase(Locale.ROOT)).stream()).toList();
  }
}
