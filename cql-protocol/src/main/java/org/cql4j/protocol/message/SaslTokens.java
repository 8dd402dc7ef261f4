package org.cql4j.protocol.message;

import java.util.HexFormat;

/** The [bytes] tokens of the SASL messages (§4.1.2, §4.2.7, §4.2.8): copies and display. */
final class SaslTokens {
  private SaslTokens() {}

  /** A copy of a token, which may be {@code null}. */
  static byte[] copy(byte[] token) {
    return token == null ? null : token.clone();
  }

  /** {@code Name[token=hex]}, or {@code Name[token=null]}. */
  static String toString(String message, byte[] token) {
    return message + "[token=" + (token == null ? "null" : HexFormat.of().formatHex(token)) + "]";
  }
}
