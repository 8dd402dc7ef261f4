package org.cql4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.cql4j.session.errors.ConnectionException;
import org.junit.jupiter.api.Test;

class SessionBuilderTest {

  @Test
  void needsAContactPoint() {
    assertThatThrownBy(() -> Session.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("knownNode");
  }

  @Test
  void rejectsInvalidSettingsAtOnce() {
    assertThatThrownBy(() -> Session.builder().useKeyspace("bad name", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Session.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Session.builder().ioThreads(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failsClearlyWhenNoHostResolves() {
    assertThatThrownBy(() -> Session.builder().knownNode("no-such-host.invalid").build())
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("no-such-host.invalid");
  }

  @Test
  void failsQuicklyWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free once closed: connections are refused
    }
    long start = System.nanoTime();
    int refusedPort = port;
    assertThatThrownBy(() -> Session.builder().knownNode("127.0.0.1:" + refusedPort).build())
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void failsWithinTheConnectTimeoutWhenTheServerNeverAnswers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  Session.builder()
                      .knownNode("127.0.0.1:" + silent.getLocalPort())
                      .connectTimeout(Duration.ofMillis(500))
                      .build())
          .isInstanceOf(ConnectionException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
