package org.cql4j.protocol.frame;

/** The flag bits of a frame header (native_protocol_v4.spec §2.2). Constants only; thread-safe. */
public final class FrameFlags {
  /** The body is compressed with the algorithm agreed in STARTUP (§5). */
  public static final int COMPRESSION = 0x01;

  /** On a request: trace it. On a response: the body starts with the tracing id ([uuid]). */
  public static final int TRACING = 0x02;

  /** The body carries a custom payload ([bytes map]) after the tracing id and warnings. */
  public static final int CUSTOM_PAYLOAD = 0x04;

  /** The response body carries warnings ([string list]) after the tracing id. */
  public static final int WARNING = 0x08;

  private FrameFlags() {}
}
