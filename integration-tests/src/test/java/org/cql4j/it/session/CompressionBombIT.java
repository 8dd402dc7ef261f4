package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.Compression;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A decompression bomb from the network: the proxy replaces a node's compressed answer (protocol
 * v4, where each frame body is compressed) with a body that claims 2 GiB uncompressed. The request
 * fails at once with a {@link ProtocolException} naming the limit, nothing is allocated for the
 * claim, and the session keeps serving on the same connection. (On v5, compression is per segment,
 * whose 17-bit length cannot claim more than 128 KiB; DecompressionBombTest covers it.)
 */
@CassandraTest(proxy = true)
class CompressionBombIT {
  private static final String BOMBED =
      "SELECT release_version FROM system.local WHERE key = 'local'";
  private static final String OTHER = "SELECT cluster_name FROM system.local";

  static Stream<Arguments> bombs() {
    HexFormat hex = HexFormat.of();
    return Stream.of(
        // a 4-byte big-endian length (native_protocol_v4.spec §5), then two bytes of "data"
        Arguments.of(Compression.LZ4, hex.parseHex("7fffffff0000")),
        // Snappy's own varint length, 2^31 - 1, then one byte of "data"
        Arguments.of(Compression.SNAPPY, hex.parseHex("ffffffff0700")));
  }

  @ParameterizedTest
  @MethodSource("bombs")
  void anAnswerClaimingTwoGibibytesFailsItsRequestAndTheSessionKeepsServing(
      Compression compression, byte[] bomb, TestCluster cassandra) {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session session =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .protocolVersion(ProtocolVersion.V4)
            .compression(compression)
            .build()) {
      String version = releaseVersion(session);
      proxy
          .rules()
          .add(
              Condition.direction(Direction.RESPONSE).and(Condition.queryContains(BOMBED)).times(1),
              Action.replaceBodyOnWire(bomb, true));

      long start = System.nanoTime();
      Throwable failure = catchThrowable(() -> releaseVersion(session));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(failure)
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("uncompressed_length")
          .hasMessageContaining("2147483647 bytes, over the frame limit of 268435456");
      assertThat(took).as("the time to fail").isLessThan(Duration.ofSeconds(2));

      // the connection is fine (only the body was bad): the same and other requests go on
      assertThat(releaseVersion(session)).isEqualTo(version);
      assertThat(session.queryUnpaged(OTHER).intoRowsResult().singleRow(String.class)).isNotEmpty();
      assertThat(session.getClusterState().nodes()).allMatch(node -> node.isUp());
    }
  }

  private static String releaseVersion(Session session) {
    return session.queryUnpaged(BOMBED).intoRowsResult().singleRow(String.class);
  }
}
