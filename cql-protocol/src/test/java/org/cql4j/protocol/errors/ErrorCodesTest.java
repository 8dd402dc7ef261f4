package org.cql4j.protocol.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.internal.wire.Hex;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.junit.jupiter.api.Test;

/** Every error code of native_protocol_v4.spec §9 with its body, and ScyllaDB's rate limit. */
class ErrorCodesTest {

  /** Decodes "code, [string] "msg", details" and checks the encoder writes the same bytes. */
  private static DbError decode(String codeHex, String detailsHex, ProtocolFeatures features) {
    String hex = codeHex + " 00 03 6d 73 67 " + detailsHex;
    ByteBuf in = Hex.buf(hex);
    ByteBuf out = Unpooled.buffer();
    try {
      ErrorMessage message = ErrorMessage.decode(in, features);
      assertThat(in.isReadable()).isFalse();
      assertThat(message.message()).isEqualTo("msg");
      message.encode(out, features);
      assertThat(Hex.of(out)).isEqualTo(Hex.of(Hex.buf(hex).readerIndex(0)));
      return message.error();
    } finally {
      in.release();
      out.release();
    }
  }

  private static DbError decode(String codeHex, String detailsHex) {
    return decode(codeHex, detailsHex, ProtocolFeatures.NONE);
  }

  @Test
  void errorsWithoutDetails() {
    assertThat(decode("00 00 00 00", "")).isEqualTo(new DbError.ServerError());
    assertThat(decode("00 00 00 0a", "")).isEqualTo(new DbError.ProtocolError());
    assertThat(decode("00 00 01 00", "")).isEqualTo(new DbError.AuthenticationError());
    assertThat(decode("00 00 10 01", "")).isEqualTo(new DbError.Overloaded());
    assertThat(decode("00 00 10 02", "")).isEqualTo(new DbError.IsBootstrapping());
    assertThat(decode("00 00 10 03", "")).isEqualTo(new DbError.TruncateError());
    assertThat(decode("00 00 20 00", "")).isEqualTo(new DbError.SyntaxError());
    assertThat(decode("00 00 21 00", "")).isEqualTo(new DbError.Unauthorized());
    assertThat(decode("00 00 22 00", "")).isEqualTo(new DbError.Invalid());
    assertThat(decode("00 00 23 00", "")).isEqualTo(new DbError.ConfigError());
  }

  @Test
  void unavailableWithSerialConsistencyFromACasWrite() {
    assertThat(decode("00 00 10 00", "00 08 00 00 00 03 00 00 00 01"))
        .isEqualTo(new DbError.Unavailable(Consistency.SERIAL, 3, 1));
  }

  @Test
  void writeTimeoutWithWriteType() {
    DbError e = decode("00 00 11 00", "00 09 00 00 00 01 00 00 00 02 00 03 43 41 53");
    assertThat(e)
        .isEqualTo(new DbError.WriteTimeout(Consistency.LOCAL_SERIAL, 1, 2, WriteType.CAS));
    assertThat(((DbError.WriteTimeout) e).writeType()).isSameAs(WriteType.CAS);
  }

  @Test
  void writeTimeoutPreservesAnUnknownWriteType() {
    DbError e = decode("00 00 11 00", "00 01 00 00 00 00 00 00 00 01 00 03 4e 45 57");
    WriteType type = ((DbError.WriteTimeout) e).writeType();
    assertThat(type.isKnown()).isFalse();
    assertThat(type.name()).isEqualTo("NEW");
  }

  @Test
  void readTimeoutWithDataPresent() {
    assertThat(decode("00 00 12 00", "00 04 00 00 00 01 00 00 00 02 01"))
        .isEqualTo(new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, true));
  }

  @Test
  void readAndWriteFailureCarryTheV4FailureCount() {
    assertThat(decode("00 00 13 00", "00 01 00 00 00 00 00 00 00 01 00 00 00 02 00"))
        .isEqualTo(new DbError.ReadFailure(Consistency.ONE, 0, 1, 2, Map.of(), false));
    assertThat(
            decode(
                "00 00 15 00",
                "00 05 00 00 00 01 00 00 00 03 00 00 00 02 00 09 42 41 54 43 48 5f 4c 4f 47"))
        .isEqualTo(
            new DbError.WriteFailure(Consistency.ALL, 1, 3, 2, Map.of(), WriteType.BATCH_LOG));
  }

  @Test
  void functionFailureAlreadyExistsAndUnprepared() {
    assertThat(decode("00 00 14 00", "00 02 6b 73 00 01 66 00 01 00 03 69 6e 74"))
        .isEqualTo(new DbError.FunctionFailure("ks", "f", List.of("int")));
    assertThat(decode("00 00 24 00", "00 02 6b 73 00 00"))
        .isEqualTo(new DbError.AlreadyExists("ks", ""));
    assertThat(decode("00 00 25 00", "00 02 ab cd"))
        .isEqualTo(new DbError.Unprepared(new byte[] {(byte) 0xab, (byte) 0xcd}));
  }

  @Test
  void unknownCodeIsKeptAsOther() {
    // e.g. v5's CAS_WRITE_UNKNOWN on a v4 connection: the server's message still explains it
    assertThat(decode("00 00 17 00", "")).isEqualTo(new DbError.Other(0x1700));
  }

  @Test
  void scyllaRateLimitErrorUsesTheNegotiatedCode() {
    ProtocolFeatures features = new ProtocolFeatures(OptionalInt.of(0xF000), false);
    assertThat(decode("00 00 f0 00", "01 00", features))
        .isEqualTo(new DbError.RateLimitReached(OperationType.WRITE, false));
    // without the extension the same code is unknown
    assertThat(decode("00 00 f0 00", "")).isEqualTo(new DbError.Other(0xF000));
  }

  @Test
  void exceptionMessageIsServerMessageAndCodeName() {
    ByteBuf in = Hex.buf("00 00 22 00 00 0d 75 6e 63 6f 6e 66 69 67 75 72 65 64 20");
    try {
      DbException e = ErrorMessage.decode(in, ProtocolFeatures.NONE).toException();
      assertThat(e.getMessage()).isEqualTo("unconfigured  (Invalid, code 0x2200)");
      assertThat(e.error()).isInstanceOf(DbError.Invalid.class);
      assertThat(e.code()).isEqualTo(0x2200);
    } finally {
      in.release();
    }
  }
}
