package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * AUTH_CHALLENGE: a SASL challenge from the server (native_protocol_v4.spec §4.2.7). Immutable and
 * thread-safe.
 *
 * @param token the [bytes] token, or {@code null}; copied in and out
 */
public record AuthChallenge(byte[] token) implements Response {

  /** Copies the token. */
  public AuthChallenge {
    token = SaslTokens.copy(token);
  }

  /** A copy of the token, or {@code null}. */
  @Override
  public byte[] token() {
    return SaslTokens.copy(token);
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUTH_CHALLENGE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeBytes(out, token);
  }

  /**
   * Decodes a AUTH_CHALLENGE body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static AuthChallenge decode(ByteBuf in) {
    return new AuthChallenge(WireReader.readBytes(in, "AUTH_CHALLENGE.token"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthChallenge other && Arrays.equals(token, other.token);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(token);
  }

  @Override
  public String toString() {
    return SaslTokens.toString("AuthChallenge", token);
  }
}
