package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * AUTH_SUCCESS: authentication succeeded, with the server's final token (native_protocol_v4.spec
 * §4.2.8). Immutable and thread-safe.
 *
 * @param token the [bytes] token, or {@code null}; copied in and out
 */
public record AuthSuccess(byte[] token) implements Response {

  /** Copies the token. */
  public AuthSuccess {
    token = SaslTokens.copy(token);
  }

  /** A copy of the token, or {@code null}. */
  @Override
  public byte[] token() {
    return SaslTokens.copy(token);
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUTH_SUCCESS;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeBytes(out, token);
  }

  /**
   * Decodes a AUTH_SUCCESS body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static AuthSuccess decode(ByteBuf in) {
    return new AuthSuccess(WireReader.readBytes(in, "AUTH_SUCCESS.token"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthSuccess other && Arrays.equals(token, other.token);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(token);
  }

  @Override
  public String toString() {
    return SaslTokens.toString("AuthSuccess", token);
  }
}
