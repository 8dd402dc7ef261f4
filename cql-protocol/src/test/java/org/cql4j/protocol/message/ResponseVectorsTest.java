package org.cql4j.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.protocol.message.V.b;
import static org.cql4j.protocol.message.V.i;
import static org.cql4j.protocol.message.V.join;
import static org.cql4j.protocol.message.V.response;
import static org.cql4j.protocol.message.V.s;
import static org.cql4j.protocol.message.V.sh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.internal.wire.Hex;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

/** Byte vectors of every response, from native_protocol_v4.spec §4.2, in both directions. */
class ResponseVectorsTest {
  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

  private final FrameCodec codec = FrameCodec.defaults();

  private ResponseEnvelope assertVector(ResponseEnvelope envelope, String hex) {
    ByteBuf encoded = codec.encode(ALLOC, envelope);
    try {
      assertThat(Hex.of(encoded)).isEqualTo(hex);
    } finally {
      encoded.release();
    }
    ByteBuf wire = Hex.buf(hex);
    Frame frame = FrameDecoder.forClient().decode(wire);
    try {
      ResponseEnvelope decoded = codec.decodeResponse(frame);
      assertThat(decoded.message()).isEqualTo(envelope.message());
      assertThat(decoded.streamId()).isEqualTo(envelope.streamId());
      assertThat(decoded.tracingId()).isEqualTo(envelope.tracingId());
      assertThat(decoded.warnings()).isEqualTo(envelope.warnings());
      assertThat(decoded.customPayload().keySet())
          .containsExactlyElementsOf(envelope.customPayload().keySet());
      return decoded;
    } finally {
      frame.release();
      wire.release();
    }
  }

  @Test
  void readyIsAnEmptyBody() {
    assertVector(ResponseEnvelope.of(1, new Ready()), "84 00 00 01 02 00 00 00 00");
  }

  @Test
  void authenticateIsAString() {
    assertVector(
        ResponseEnvelope.of(0, new Authenticate("org.apache.cassandra.auth.PasswordAuthenticator")),
        response(0, 0, 0x03, s("org.apache.cassandra.auth.PasswordAuthenticator")));
  }

  @Test
  void supportedIsAStringMultimap() {
    Map<String, List<String>> options = new LinkedHashMap<>();
    options.put("CQL_VERSION", List.of("3.4.5"));
    options.put("COMPRESSION", List.of("snappy", "lz4"));
    assertVector(
        ResponseEnvelope.of(0, new Supported(options)),
        response(
            0,
            0,
            0x06,
            join(
                sh(2),
                s("CQL_VERSION"),
                sh(1),
                s("3.4.5"),
                s("COMPRESSION"),
                sh(2),
                s("snappy"),
                s("lz4"))));
  }

  @Test
  void authChallengeAndSuccessAreBytes() {
    assertVector(
        ResponseEnvelope.of(2, new AuthChallenge(new byte[] {1, 2})),
        response(0, 2, 0x0E, "00 00 00 02 01 02"));
    assertVector(
        ResponseEnvelope.of(2, new AuthSuccess(null)), response(0, 2, 0x10, "ff ff ff ff"));
  }

  @Test
  void errorIsCodeMessageAndDetails() {
    assertVector(
        ResponseEnvelope.of(3, ErrorMessage.of(new DbError.SyntaxError(), "bad")),
        response(0, 3, 0x00, join(i(0x2000), s("bad"))));
  }

  @Test
  void voidAndSetKeyspaceResults() {
    assertVector(ResponseEnvelope.of(1, new VoidResult()), response(0, 1, 0x08, i(1)));
    assertVector(
        ResponseEnvelope.of(1, new SetKeyspaceResult("ks")),
        response(0, 1, 0x08, join(i(3), s("ks"))));
  }

  @Test
  void rowsResultKeepsRowsUndecodedAsASliceOfTheBody() {
    List<ColumnSpec> columns =
        List.of(
            new ColumnSpec("ks", "t", "a", ColumnType.INT),
            new ColumnSpec("ks", "t", "b", ColumnType.TEXT));
    String content = join(i(4), i(7), i(-1), i(4), i(8), i(1), "78");
    RowsResult rows =
        new RowsResult(RowsMetadata.of(columns, new byte[] {0x11}), 2, Hex.buf(content));
    String body =
        join(
            i(2),
            i(0x0001 | 0x0002),
            i(2),
            i(1),
            "11",
            s("ks"),
            s("t"),
            s("a"),
            sh(0x0009),
            s("b"),
            sh(0x000D),
            i(2),
            content);
    try {
      ResponseEnvelope decoded =
          assertVector(ResponseEnvelope.of(6, rows), response(0, 6, 8, body));
      RowsResult got = (RowsResult) decoded.message();
      assertThat(got.rowCount()).isEqualTo(2);
      assertThat(got.metadata().columns()).isEqualTo(columns);
      assertThat(got.metadata().pagingState()).containsExactly(0x11);
      assertThat(Hex.of(got.rowsContent())).isEqualTo(content);
      assertThat(got.refCnt()).isEqualTo(1);
      got.release();
    } finally {
      rows.release();
    }
  }

  @Test
  void rowsResultWithoutGlobalSpecAndWithNoMetadata() {
    ColumnSpec a = new ColumnSpec("k1", "t1", "a", ColumnType.BIGINT);
    ColumnSpec b = new ColumnSpec("k2", "t2", "b", new ColumnType.ListType(ColumnType.INT));
    RowsResult perColumn = new RowsResult(RowsMetadata.of(List.of(a, b), null), 0, Hex.buf(""));
    RowsResult noMetadata = new RowsResult(RowsMetadata.noMetadata(3, null), 0, Hex.buf(""));
    try {
      ResponseEnvelope d1 =
          assertVector(
              ResponseEnvelope.of(1, perColumn),
              response(
                  0,
                  1,
                  8,
                  join(
                      i(2), i(0), i(2), s("k1"), s("t1"), s("a"), sh(2), s("k2"), s("t2"), s("b"),
                      sh(0x20), sh(9), i(0))));
      ((RowsResult) d1.message()).release();
      ResponseEnvelope d2 =
          assertVector(
              ResponseEnvelope.of(1, noMetadata), response(0, 1, 8, join(i(2), i(4), i(3), i(0))));
      assertThat(((RowsResult) d2.message()).metadata().columns()).isEmpty();
      ((RowsResult) d2.message()).release();
    } finally {
      perColumn.release();
      noMetadata.release();
    }
  }

  @Test
  void rowsResultWithMoreCellsThanBytesIsRejectedWithoutDecodingCells() {
    ByteBuf body = Hex.buf(join(i(2), i(4), i(3), i(1_000_000), i(0)));
    try {
      assertThatThrownBy(() -> Messages.decodeResult(body, ProtocolFeatures.NONE))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("RESULT.Rows.rows_content")
          .hasMessageContaining("offset 16");
    } finally {
      body.release();
    }
  }

  @Test
  void preparedResultCarriesPartitionKeyIndexesAndResultMetadata() {
    List<ColumnSpec> vars =
        List.of(
            new ColumnSpec("ks", "t", "k2", ColumnType.INT),
            new ColumnSpec("ks", "t", "k1", ColumnType.TEXT));
    PreparedResult prepared =
        new PreparedResult(
            new byte[] {(byte) 0xCA, (byte) 0xFE},
            null,
            PreparedMetadata.of(List.of(1, 0), vars),
            RowsMetadata.noMetadata(0, null));
    String body =
        join(
            i(4), sh(2), "ca fe", i(1), i(2), i(2), sh(1), sh(0), s("ks"), s("t"), s("k2"), sh(9),
            s("k1"), sh(0x0D), i(4), i(0));
    assertVector(ResponseEnvelope.of(1, prepared), response(0, 1, 8, body));
  }

  @Test
  void schemaChangeResultsForEveryTarget() {
    SchemaChange ks =
        new SchemaChange(
            SchemaChange.ChangeType.CREATED, SchemaChange.Target.KEYSPACE, "ks", "", List.of());
    SchemaChange table =
        new SchemaChange(
            SchemaChange.ChangeType.UPDATED, SchemaChange.Target.TABLE, "ks", "t", List.of());
    SchemaChange fn =
        new SchemaChange(
            SchemaChange.ChangeType.DROPPED,
            SchemaChange.Target.FUNCTION,
            "ks",
            "f",
            List.of("int", "text"));
    assertVector(
        ResponseEnvelope.of(1, new SchemaChangeResult(ks)),
        response(0, 1, 8, join(i(5), s("CREATED"), s("KEYSPACE"), s("ks"))));
    assertVector(
        ResponseEnvelope.of(1, new SchemaChangeResult(table)),
        response(0, 1, 8, join(i(5), s("UPDATED"), s("TABLE"), s("ks"), s("t"))));
    assertVector(
        ResponseEnvelope.of(1, new SchemaChangeResult(fn)),
        response(
            0,
            1,
            8,
            join(i(5), s("DROPPED"), s("FUNCTION"), s("ks"), s("f"), sh(2), s("int"), s("text"))));
  }

  @Test
  void eventsOnStreamMinusOne() throws Exception {
    InetSocketAddress node = new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 9042);
    assertVector(
        ResponseEnvelope.of(-1, new TopologyChangeEvent(TopologyChangeEvent.Change.NEW_NODE, node)),
        response(
            0, -1, 0x0C, join(s("TOPOLOGY_CHANGE"), s("NEW_NODE"), "04 0a 00 00 02", i(9042))));
    assertVector(
        ResponseEnvelope.of(-1, new StatusChangeEvent(StatusChangeEvent.Change.DOWN, node)),
        response(0, -1, 0x0C, join(s("STATUS_CHANGE"), s("DOWN"), "04 0a 00 00 02", i(9042))));
    assertVector(
        ResponseEnvelope.of(
            -1,
            new SchemaChangeEvent(
                new SchemaChange(
                    SchemaChange.ChangeType.CREATED,
                    SchemaChange.Target.TYPE,
                    "ks",
                    "udt",
                    List.of()))),
        response(
            0, -1, 0x0C, join(s("SCHEMA_CHANGE"), s("CREATED"), s("TYPE"), s("ks"), s("udt"))));
  }

  @Test
  void tracingIdWarningsAndPayloadPrecedeTheMessageInThatOrder() {
    UUID tracing = UUID.fromString("00000000-0000-0001-0000-000000000002");
    ResponseEnvelope envelope =
        new ResponseEnvelope(
            9, tracing, List.of("w1"), Map.of("p", new byte[] {5}), new VoidResult());
    ResponseEnvelope decoded =
        assertVector(
            envelope,
            response(
                0x02 | 0x04 | 0x08,
                9,
                8,
                join(
                    "00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 02",
                    sh(1),
                    s("w1"),
                    sh(1),
                    s("p"),
                    i(1),
                    "05",
                    i(1))));
    assertThat(decoded.customPayload().get("p")).containsExactly(5);
  }

  @Test
  void anUnknownChangeInAnEventIsAProtocolErrorNamingTheField() {
    ByteBuf status = Hex.buf(join(s("STATUS_CHANGE"), s("SIDEWAYS"), "04 0a 00 00 02", i(9042)));
    ByteBuf schema = Hex.buf(join(s("SCHEMA_CHANGE"), s("CREATED"), s("SPACESHIP"), s("ks")));
    try {
      assertThatThrownBy(() -> Messages.decodeEvent(status))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("EVENT.STATUS_CHANGE.change at offset 15")
          .hasMessageContaining("unknown value 'SIDEWAYS'");
      assertThatThrownBy(() -> Messages.decodeEvent(schema))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining(".target")
          .hasMessageContaining("unknown value 'SPACESHIP'");
    } finally {
      status.release();
      schema.release();
    }
  }

  @Test
  void unknownResultKindAndEventTypeAreProtocolErrors() {
    ByteBuf kind = Hex.buf(i(6));
    ByteBuf event = Hex.buf(s("NOPE"));
    try {
      assertThatThrownBy(() -> Messages.decodeResult(kind, ProtocolFeatures.NONE))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("RESULT.kind at offset 0: unknown kind 6");
      assertThatThrownBy(() -> Messages.decodeEvent(event))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("EVENT.type");
    } finally {
      kind.release();
      event.release();
    }
  }

  @Test
  void truncatedBodiesFailWithTheFieldName() {
    String full = join(i(2), i(0x0001), i(1), s("ks"), s("t"), s("a"), sh(9), i(0));
    String[] bytes = full.split(" ");
    for (int n = 0; n < bytes.length - 4; n++) {
      ByteBuf truncated = Hex.buf(String.join(" ", java.util.Arrays.copyOf(bytes, n)));
      try {
        assertThatThrownBy(() -> Messages.decodeResult(truncated, ProtocolFeatures.NONE))
            .isInstanceOf(ProtocolException.class)
            .hasMessageContaining(" at offset ");
      } finally {
        truncated.release();
      }
    }
  }
}
