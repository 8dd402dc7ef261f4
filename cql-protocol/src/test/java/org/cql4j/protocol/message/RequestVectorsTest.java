package org.cql4j.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.protocol.message.V.b;
import static org.cql4j.protocol.message.V.i;
import static org.cql4j.protocol.message.V.join;
import static org.cql4j.protocol.message.V.l;
import static org.cql4j.protocol.message.V.ls;
import static org.cql4j.protocol.message.V.request;
import static org.cql4j.protocol.message.V.s;
import static org.cql4j.protocol.message.V.sh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.internal.wire.Hex;
import org.junit.jupiter.api.Test;

/** Byte vectors of every request, from native_protocol_v4.spec §4.1, in both directions. */
class RequestVectorsTest {
  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

  private final FrameCodec codec = FrameCodec.defaults();

  /** Encodes, compares with the vector, decodes the vector and compares with the envelope. */
  private void assertVector(FrameCodec codec, RequestEnvelope envelope, String hex) {
    ByteBuf encoded = codec.encode(ALLOC, envelope);
    try {
      assertThat(Hex.of(encoded)).isEqualTo(hex);
    } finally {
      encoded.release();
    }
    ByteBuf wire = Hex.buf(hex);
    Frame frame = FrameDecoder.forServer().decode(wire);
    try {
      assertThat(wire.isReadable()).isFalse();
      RequestEnvelope decoded = codec.decodeRequest(frame);
      assertThat(decoded.message()).isEqualTo(envelope.message());
      assertThat(decoded.streamId()).isEqualTo(envelope.streamId());
      assertThat(decoded.tracing()).isEqualTo(envelope.tracing());
      assertThat(decoded.customPayload().keySet())
          .containsExactlyElementsOf(envelope.customPayload().keySet());
      decoded
          .customPayload()
          .forEach((k, v) -> assertThat(v).isEqualTo(envelope.customPayload().get(k)));
    } finally {
      frame.release();
      wire.release();
    }
    assertThat(wire.refCnt()).isZero();
  }

  private void assertVector(RequestEnvelope envelope, String hex) {
    assertVector(codec, envelope, hex);
  }

  @Test
  void optionsIsAnEmptyBodyOnTheGivenStream() {
    assertVector(RequestEnvelope.of(1, new Options()), "04 00 00 01 05 00 00 00 00");
  }

  @Test
  void startupIsAStringMap() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("CQL_VERSION", "3.0.0");
    options.put("COMPRESSION", "lz4");
    assertVector(
        RequestEnvelope.of(0, new Startup(options)),
        request(0, 0, 0x01, join(sh(2), s("CQL_VERSION"), s("3.0.0"), s("COMPRESSION"), s("lz4"))));
    // the literal bytes of a minimal STARTUP
    assertVector(
        RequestEnvelope.of(0, new Startup(Map.of("A", "b"))),
        "04 00 00 00 01 00 00 00 08 00 01 00 01 41 00 01 62");
  }

  @Test
  void authResponseIsBytesIncludingNull() {
    assertVector(
        RequestEnvelope.of(3, new AuthResponse(new byte[] {0, 'u', 0, 'p'})),
        request(0, 3, 0x0F, "00 00 00 04 00 75 00 70"));
    assertVector(RequestEnvelope.of(3, new AuthResponse(null)), request(0, 3, 0x0F, "ff ff ff ff"));
  }

  @Test
  void queryWithoutOptionsHasConsistencyAndZeroFlags() {
    assertVector(
        RequestEnvelope.of(
            5,
            new Query("SELECT 1", QueryParameters.of(Consistency.LOCAL_QUORUM, BoundValues.EMPTY))),
        request(0, 5, 0x07, join(ls("SELECT 1"), sh(6), b(0))));
  }

  @Test
  void queryWithEveryFlagWritesEveryPartInSpecOrder() {
    RawValues values =
        new RawValues(
            List.of("a", "b", "c"), java.util.Arrays.asList(new byte[] {7}, null, RawValues.UNSET));
    QueryParameters params =
        new QueryParameters(
            Consistency.QUORUM,
            values,
            true,
            100,
            new byte[] {(byte) 0xAB, (byte) 0xCD},
            SerialConsistency.LOCAL_SERIAL,
            1_234_567L);
    String body =
        join(
            ls("INSERT ?"),
            sh(4),
            b(0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x20 | 0x40),
            sh(3),
            s("a"),
            i(1),
            "07",
            s("b"),
            i(-1),
            s("c"),
            i(-2),
            i(100),
            i(2),
            "ab cd",
            sh(9),
            l(1_234_567L));
    assertVector(
        new RequestEnvelope(7, true, Map.of(), new Query("INSERT ?", params)),
        request(0x02, 7, 0x07, body));
  }

  @Test
  void queryWithCustomPayloadPutsThePayloadFirst() {
    Query query = new Query("q", QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    assertVector(
        new RequestEnvelope(2, false, Map.of("k", new byte[] {1}), query),
        request(0x04, 2, 0x07, join(sh(1), s("k"), i(1), "01", ls("q"), sh(1), b(0))));
  }

  @Test
  void prepareIsALongString() {
    assertVector(
        RequestEnvelope.of(9, new Prepare("SELECT * FROM t")),
        request(0, 9, 0x09, ls("SELECT * FROM t")));
  }

  @Test
  void executeHasShortBytesIdThenParameters() {
    Execute execute =
        new Execute(
            new byte[] {1, 2, 3},
            null,
            new QueryParameters(
                Consistency.ONE,
                RawValues.of(new byte[] {0, 0, 0, 42}),
                false,
                5000,
                null,
                null,
                QueryParameters.NO_TIMESTAMP));
    assertVector(
        RequestEnvelope.of(0x7fff, execute),
        request(
            0, 0x7fff, 0x0A, join(sh(3), "01 02 03", sh(1), b(0x05), sh(1), i(4), i(42), i(5000))));
  }

  @Test
  void executeCarriesResultMetadataIdWhenScyllaMetadataIdIsNegotiated() {
    FrameCodec withId = codec.withFeatures(new ProtocolFeatures(OptionalInt.empty(), true));
    Execute execute =
        new Execute(
            new byte[] {1},
            new byte[] {9, 9},
            QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    assertVector(
        withId,
        RequestEnvelope.of(1, execute),
        request(0, 1, 0x0A, join(sh(1), "01", sh(2), "09 09", sh(1), b(0))));
  }

  @Test
  void batchMixesQueriesAndPreparedIdsWithSerialAndTimestamp() {
    Batch batch =
        new Batch(
            Batch.Type.UNLOGGED,
            List.of(
                new Batch.Statement("INSERT 1", null, BoundValues.EMPTY),
                new Batch.Statement(null, new byte[] {5, 6}, RawValues.of(new byte[] {1}, null))),
            Consistency.TWO,
            SerialConsistency.SERIAL,
            42L);
    String body =
        join(
            b(1),
            sh(2),
            b(0),
            ls("INSERT 1"),
            sh(0),
            b(1),
            sh(2),
            "05 06",
            sh(2),
            i(1),
            "01",
            i(-1),
            sh(2),
            b(0x30),
            sh(8),
            l(42));
    assertVector(RequestEnvelope.of(4, batch), request(0, 4, 0x0D, body));
  }

  @Test
  void batchRejectsNamedValuesBothWays() {
    Batch named =
        new Batch(
            Batch.Type.LOGGED,
            List.of(
                new Batch.Statement(
                    "q", null, new RawValues(List.of("a"), List.of(new byte[] {1})))),
            Consistency.ONE,
            null,
            QueryParameters.NO_TIMESTAMP);
    assertThatThrownBy(() -> codec.encode(ALLOC, RequestEnvelope.of(1, named)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CASSANDRA-10246");
    ByteBuf body = Hex.buf(join(b(0), sh(0), sh(1), b(0x40)));
    try {
      assertThatThrownBy(() -> Batch.decode(body, ProtocolFeatures.NONE))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("BATCH.flags")
          .hasMessageContaining("offset 5");
    } finally {
      body.release();
    }
  }

  @Test
  void batchRejectsUnknownTypeAndKind() {
    ByteBuf badType = Hex.buf(join(b(3), sh(0), sh(1), b(0)));
    ByteBuf badKind = Hex.buf(join(b(0), sh(1), b(2), "00 00 00 00"));
    try {
      assertThatThrownBy(() -> Batch.decode(badType, ProtocolFeatures.NONE))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("BATCH.type");
      assertThatThrownBy(() -> Batch.decode(badKind, ProtocolFeatures.NONE))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("BATCH.kind")
          .hasMessageContaining("offset 3");
    } finally {
      badType.release();
      badKind.release();
    }
  }

  @Test
  void registerIsAStringList() {
    assertVector(
        RequestEnvelope.of(0, new Register(List.of("STATUS_CHANGE", "SCHEMA_CHANGE"))),
        request(0, 0, 0x0B, join(sh(2), s("STATUS_CHANGE"), s("SCHEMA_CHANGE"))));
  }

  @Test
  void valuesAreWrittenInPlaceByTheCallbackAndTheCountIsPatched() {
    BoundValues direct =
        new BoundValues() {
          @Override
          public boolean isEmpty() {
            return false;
          }

          @Override
          public boolean hasNames() {
            return false;
          }

          @Override
          public int writeTo(ByteBuf out) {
            for (int v = 0; v < 3; v++) {
              out.writeInt(4).writeInt(v);
            }
            return 3;
          }
        };
    ByteBuf frame =
        codec.encode(
            ALLOC,
            RequestEnvelope.of(1, new Query("q", QueryParameters.of(Consistency.ONE, direct))));
    try {
      assertThat(Hex.of(frame))
          .isEqualTo(
              request(
                  0,
                  1,
                  0x07,
                  join(ls("q"), sh(1), b(1), sh(3), i(4), i(0), i(4), i(1), i(4), i(2))));
    } finally {
      frame.release();
    }
  }
}
