package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * AUTH_RESPONSE: a client's answer to a SASL challenge, and the first message after AUTHENTICATE
 * (native_protocol_v4.spec §4.1.2). Immutable and thread-safe.
 *
 * @param token the [bytes] token, or {@code null}; copied in and out
 */
public record AuthResponse(byte[] token) implements Request {

  /** Copies the token. */
  public AuthResponse {
    token = SaslTokens.copy(token);
  }

  /** A copy of the token, or {@code null}. */
  @Override
  public byte[] token() {
    return SaslTokens.copy(token);
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUTH_RESPONSE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeBytes(out, token);
  }

  /**
   * Decodes a AUTH_RESPONSE body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static AuthResponse decode(ByteBuf in) {
    return new AuthResponse(WireReader.readBytes(in, "AUTH_RESPONSE.token"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthResponse other && Arrays.equals(token, other.token);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(token);
  }

  @Override
  public String toString() {
    return SaslTokens.toString("AuthResponse", token);
  }
}
