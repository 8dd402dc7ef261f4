package org.cql4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.errors.UnsupportedProtocolVersionException;
import org.cql4j.session.internal.connection.LocalCqlServer;
import org.junit.jupiter.api.Test;

/**
 * Version negotiation against a server that speaks v4 only and refuses v5 in its own version, as
 * Apache Cassandra 3 and ScyllaDB do (native_protocol_v5.spec §2.3.1).
 */
class ProtocolNegotiationTest {
  private final SystemTablesByNameTest tables = new SystemTablesByNameTest();

  @Test
  void aSessionThatOffersV5SettlesOnV4WithAV4OnlyServer() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(tables::answer);
        Session session = Session.builder().knownNode(address(server)).build()) {
      assertThat(session.getProtocolVersion()).isEqualTo(ProtocolVersion.V4);
      assertThat(session.queryUnpaged("SELECT now() FROM system.local").isRows()).isTrue();
    }
  }

  @Test
  void aPinnedV5FailsWithTheServersRefusal() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(tables::answer)) {
      assertThatThrownBy(
              () ->
                  Session.builder()
                      .knownNode(address(server))
                      .protocolVersion(ProtocolVersion.V5)
                      .build())
          .isInstanceOf(UnsupportedProtocolVersionException.class)
          .hasMessageContaining("rejected native protocol v5")
          .hasMessageContaining("Invalid or unsupported protocol version (5)");
    }
  }

  @Test
  void snappyCannotBePinnedToV5() {
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNode("127.0.0.1:1")
                    .compression(Compression.SNAPPY)
                    .protocolVersion(ProtocolVersion.V5)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LZ4 only");
  }

  private static String address(LocalCqlServer server) {
    return "127.0.0.1:" + server.address().getPort();
  }
}
