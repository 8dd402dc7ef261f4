package org.cql4j.protocol.compression;

import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.internal.compression.Lz4Compressor;
import org.cql4j.protocol.internal.compression.SnappyCompressor;

/** The compressors cql4j ships: LZ4 and Snappy, each backed by an optional library. Thread-safe. */
public final class Compressors {
  private Compressors() {}

  /**
   * The LZ4 compressor (native_protocol_v4.spec §5), backed by {@code at.yawk.lz4:lz4-java}.
   *
   * @return a compressor; share it freely
   * @throws CqlException if lz4-java is not on the classpath, naming the dependency to add
   */
  public static Compressor lz4() {
    require(
        "net.jpountz.lz4.LZ4Factory",
        "LZ4 compression needs at.yawk.lz4:lz4-java on the classpath (it is an optional"
            + " dependency of cql-protocol): add it, or choose Compression.NONE");
    return new Lz4Compressor();
  }

  /**
   * The Snappy compressor (native_protocol_v4.spec §5), backed by {@code
   * org.xerial.snappy:snappy-java}.
   *
   * @return a compressor; share it freely
   * @throws CqlException if snappy-java is not on the classpath or its native library cannot load
   */
  public static Compressor snappy() {
    require(
        "org.xerial.snappy.Snappy",
        "Snappy compression needs org.xerial.snappy:snappy-java on the classpath (it is an"
            + " optional dependency of cql-protocol): add it, or choose Compression.LZ4");
    try {
      return new SnappyCompressor();
    } catch (Exception | LinkageError e) {
      throw new CqlException(
          "Snappy compression is unavailable: snappy-java could not load its native library ("
              + e
              + "); choose Compression.LZ4",
          e);
    }
  }

  /**
   * The compressor for a STARTUP {@code COMPRESSION} value.
   *
   * @param algorithm {@code "lz4"} or {@code "snappy"}
   * @return the compressor
   * @throws CqlException if the algorithm is unknown or its library is absent
   */
  public static Compressor forAlgorithm(String algorithm) {
    return switch (algorithm) {
      case "lz4" -> lz4();
      case "snappy" -> snappy();
      default ->
          throw new CqlException(
              "Unknown compression algorithm '" + algorithm + "': cql4j supports lz4 and snappy");
    };
  }

  private static void require(String className, String message) {
    try {
      Class.forName(className, false, Compressors.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CqlException(message, e);
    }
  }
}
