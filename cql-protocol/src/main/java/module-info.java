/**
 * cql4j's byte layer: native protocol v4 frames and messages, the CQL type model, the value
 * (de)serialization SPI with its built-in codecs, and LZ4/Snappy compression. No sockets.
 *
 * <p>Only the public API packages are exported; {@code ...internal...} packages are implementation
 * details shared with cql4j's own modules.
 */
module org.cql4j.protocol {
  requires transitive io.netty.buffer;
  requires transitive io.netty.common; // ReferenceCounted results and frames
  requires static org.lz4.java;
  requires static org.xerial.snappy;

  exports org.cql4j.protocol;
  exports org.cql4j.protocol.compression;
  exports org.cql4j.protocol.deserialize;
  exports org.cql4j.protocol.errors;
  exports org.cql4j.protocol.frame;
  exports org.cql4j.protocol.message;
  exports org.cql4j.protocol.scylla;
  exports org.cql4j.protocol.serialize;
  exports org.cql4j.protocol.token;
  exports org.cql4j.protocol.types;
  exports org.cql4j.protocol.value;
}
