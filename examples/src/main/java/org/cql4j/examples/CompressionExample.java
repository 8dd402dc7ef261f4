package org.cql4j.examples;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Compression;
import org.cql4j.session.Session;
import org.cql4j.session.SessionBuilder;

/** Writes and reads a large, compressible blob over LZ4 and Snappy compressed connections. */
public final class CompressionExample {
  private CompressionExample() {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> {
          for (Compression compression : List.of(Compression.LZ4, Compression.SNAPPY)) {
            System.out.println(compression + ": read back " + run(contactPoints, compression));
          }
        });
  }

  /**
   * Writes a 1 MiB blob and reads it back over compressed connections.
   *
   * @param contactPoints the contact points
   * @param compression the algorithm
   * @return the number of bytes read back, when equal to those written
   */
  public static int run(List<String> contactPoints, Compression compression) {
    // tag::compression[]
    SessionBuilder builder =
        Session.builder()
            .knownNodes(contactPoints)
            .compression(compression); // Compression.LZ4 or Compression.SNAPPY; default NONE
    if (compression == Compression.SNAPPY) {
      builder.protocolVersion(ProtocolVersion.V4); // protocol v5 compresses with LZ4 only
    }
    Session session = builder.build();
    // end::compression[]
    try (session) {
      return roundTrip(session);
    }
  }

  private static int roundTrip(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.documents (id int PRIMARY KEY, body blob)");
    byte[] body = new byte[1 << 20];
    Arrays.fill(body, (byte) 'a');
    session.queryUnpaged(
        "INSERT INTO examples.documents (id, body) VALUES (?, ?)", Values.of(1, body));
    ByteBuffer read =
        session
            .queryUnpaged("SELECT body FROM examples.documents WHERE id = 1")
            .intoRowsResult()
            .singleRow(ByteBuffer.class);
    if (!read.equals(ByteBuffer.wrap(body))) {
      throw new IllegalStateException("the blob read back differs from the one written");
    }
    return read.remaining();
  }
}
