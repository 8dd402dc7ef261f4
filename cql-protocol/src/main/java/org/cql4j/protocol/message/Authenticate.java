package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * AUTHENTICATE: the server requires authentication (native_protocol_v4.spec §4.2.3). Immutable and
 * thread-safe.
 *
 * @param authenticator the server's IAuthenticator class name
 */
public record Authenticate(String authenticator) implements Response {

  /** Checks the authenticator is present. */
  public Authenticate {
    Objects.requireNonNull(authenticator, "authenticator");
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUTHENTICATE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeString(out, authenticator, "AUTHENTICATE.authenticator");
  }

  /**
   * Decodes an AUTHENTICATE body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static Authenticate decode(ByteBuf in) {
    return new Authenticate(WireReader.readString(in, "AUTHENTICATE.authenticator"));
  }
}
