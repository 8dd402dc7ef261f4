package org.cql4j.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.protocol.message.V.b;
import static org.cql4j.protocol.message.V.i;
import static org.cql4j.protocol.message.V.join;
import static org.cql4j.protocol.message.V.l;
import static org.cql4j.protocol.message.V.ls;
import static org.cql4j.protocol.message.V.request5;
import static org.cql4j.protocol.message.V.response5;
import static org.cql4j.protocol.message.V.s;
import static org.cql4j.protocol.message.V.sh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.protocol.compression.Compressors;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.internal.wire.Hex;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors of the messages whose layout changed in native_protocol_v5.spec (§9 "Changes from
 * v4"), in both directions: [int] query flags, keyspace and now in seconds, PREPARE flags, result
 * metadata ids, METADATA_CHANGED, the failure reason maps and the new error codes.
 */
class V5MessagesTest {
  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
  private static final FrameCodec V5 =
      new FrameCodec(FrameHeader.DEFAULT_MAX_BODY_LENGTH, null, ProtocolFeatures.V5);
  private static final byte[] ID = {(byte) 0xCA, (byte) 0xFE};
  private static final byte[] METADATA_ID = {0x0B, 0x0D};

  private static void assertRequest(FrameCodec codec, RequestEnvelope envelope, String hex) {
    ByteBuf encoded = codec.encode(ALLOC, envelope);
    try {
      assertThat(Hex.of(encoded)).isEqualTo(hex);
    } finally {
      encoded.release();
    }
    ByteBuf wire = Hex.buf(hex);
    Frame frame = FrameDecoder.forServer().decode(wire);
    try {
      assertThat(frame.header().version()).isEqualTo(ProtocolVersion.V5);
      assertThat(codec.decodeRequest(frame).message()).isEqualTo(envelope.message());
    } finally {
      frame.release();
      wire.release();
    }
  }

  private static ResponseEnvelope assertResponse(ResponseEnvelope envelope, String hex) {
    ByteBuf encoded = V5.encode(ALLOC, envelope);
    try {
      assertThat(Hex.of(encoded)).isEqualTo(hex);
    } finally {
      encoded.release();
    }
    ByteBuf wire = Hex.buf(hex);
    Frame frame = FrameDecoder.forClient().decode(wire);
    try {
      ResponseEnvelope decoded = V5.decodeResponse(frame);
      assertThat(decoded.message()).isEqualTo(envelope.message());
      return decoded;
    } finally {
      frame.release();
      wire.release();
    }
  }

  @Test
  void queryFlagsAreAnIntFollowedByKeyspaceAndNowInSeconds() {
    QueryParameters parameters =
        new QueryParameters(
            Consistency.QUORUM,
            BoundValues.EMPTY,
            false,
            100,
            null,
            SerialConsistency.LOCAL_SERIAL,
            42L,
            "ks",
            1_700_000_000);
    String body =
        join(
            ls("SELECT 1"),
            sh(0x0004),
            i(0x04 | 0x10 | 0x20 | 0x80 | 0x100),
            i(100),
            sh(0x0009),
            l(42),
            s("ks"),
            i(1_700_000_000));
    assertRequest(
        V5, RequestEnvelope.of(3, new Query("SELECT 1", parameters)), request5(0, 3, 0x07, body));
  }

  @Test
  void executeCarriesTheResultMetadataIdBeforeItsParameters() {
    Execute execute =
        new Execute(ID, METADATA_ID, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    String body = join(sh(2), "ca fe", sh(2), "0b 0d", sh(0x0001), i(0));
    assertRequest(V5, RequestEnvelope.of(1, execute), request5(0, 1, 0x0A, body));
  }

  @Test
  void prepareHasIntFlagsAndAnOptionalKeyspace() {
    assertRequest(
        V5,
        RequestEnvelope.of(1, new Prepare("SELECT * FROM t", "ks")),
        request5(0, 1, 0x09, join(ls("SELECT * FROM t"), i(0x01), s("ks"))));
    assertRequest(
        V5,
        RequestEnvelope.of(1, new Prepare("SELECT * FROM t")),
        request5(0, 1, 0x09, join(ls("SELECT * FROM t"), i(0))));
  }

  @Test
  void batchFlagsAreAnIntFollowedByKeyspace() {
    Batch batch =
        new Batch(
            Batch.Type.UNLOGGED,
            List.of(new Batch.Statement(null, ID, BoundValues.EMPTY)),
            Consistency.ONE,
            null,
            QueryParameters.NO_TIMESTAMP,
            "ks",
            QueryParameters.NO_NOW_IN_SECONDS);
    String body = join(b(1), sh(1), b(1), sh(2), "ca fe", sh(0), sh(0x0001), i(0x80), s("ks"));
    assertRequest(V5, RequestEnvelope.of(2, batch), request5(0, 2, 0x0D, body));
  }

  @Test
  void protocolV4RefusesAKeyspaceOrATimePerRequest() {
    FrameCodec v4 = FrameCodec.defaults();
    QueryParameters withKeyspace =
        new QueryParameters(
            Consistency.ONE,
            BoundValues.EMPTY,
            false,
            QueryParameters.NO_PAGE_SIZE,
            null,
            null,
            QueryParameters.NO_TIMESTAMP,
            "ks",
            QueryParameters.NO_NOW_IN_SECONDS);
    assertThatThrownBy(() -> v4.encode(ALLOC, RequestEnvelope.of(1, new Query("q", withKeyspace))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("query_parameters.keyspace")
        .hasMessageContaining("needs native protocol v5");
    assertThatThrownBy(() -> v4.encode(ALLOC, RequestEnvelope.of(1, new Prepare("q", "ks"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("PREPARE.keyspace");
  }

  @Test
  void preparedResultCarriesTheResultMetadataId() {
    PreparedResult prepared =
        new PreparedResult(
            ID,
            METADATA_ID,
            PreparedMetadata.of(List.of(), List.of()),
            RowsMetadata.noMetadata(0, null));
    String body = join(i(4), sh(2), "ca fe", sh(2), "0b 0d", i(0), i(0), i(0), i(4), i(0));
    assertResponse(ResponseEnvelope.of(1, prepared), response5(0, 1, 0x08, body));
  }

  @Test
  void rowsWithMetadataChangedCarryTheNewIdAndColumns() {
    ColumnSpec a = new ColumnSpec("ks", "t", "a", ColumnType.INT);
    RowsMetadata metadata =
        new RowsMetadata(
            RowsMetadata.GLOBAL_TABLES_SPEC | RowsMetadata.METADATA_CHANGED,
            1,
            null,
            METADATA_ID,
            List.of(a));
    String content = join(i(4), i(7));
    RowsResult rows = new RowsResult(metadata, 1, Hex.buf(content));
    String body =
        join(i(2), i(0x0001 | 0x0008), i(1), sh(2), "0b 0d", s("ks"), s("t"), s("a"), sh(9));
    ResponseEnvelope decoded =
        assertResponse(
            ResponseEnvelope.of(1, rows), response5(0, 1, 0x08, join(body, i(1), content)));
    rows.release();
    RowsResult read = (RowsResult) decoded.message();
    assertThat(read.metadata().newMetadataId()).containsExactly(METADATA_ID);
    read.release();
  }

  @Test
  void readAndWriteFailuresCarryAReasonPerReplica() throws Exception {
    InetAddress replica = InetAddress.getByName("10.0.0.2");
    Map<InetAddress, Integer> reasons = new LinkedHashMap<>();
    reasons.put(replica, 0x0001);
    DbError read = new DbError.ReadFailure(Consistency.QUORUM, 1, 2, 1, reasons, true);
    String reasonMap = join(i(1), "04 0a 00 00 02", sh(1));
    assertResponse(
        ResponseEnvelope.of(1, ErrorMessage.of(read, "read failed")),
        response5(
            0, 1, 0x00, join(i(0x1300), s("read failed"), sh(4), i(1), i(2), reasonMap, b(1))));
    DbError write = new DbError.WriteFailure(Consistency.ONE, 0, 1, 1, reasons, WriteType.SIMPLE);
    assertResponse(
        ResponseEnvelope.of(1, ErrorMessage.of(write, "write failed")),
        response5(
            0,
            1,
            0x00,
            join(i(0x1500), s("write failed"), sh(1), i(0), i(1), reasonMap, s("SIMPLE"))));
  }

  @Test
  void casWriteUnknownAndCdcWriteFailureAreKnownErrors() {
    assertResponse(
        ResponseEnvelope.of(
            1, ErrorMessage.of(new DbError.CasWriteUnknown(Consistency.SERIAL, 1, 2), "contended")),
        response5(0, 1, 0x00, join(i(0x1700), s("contended"), sh(8), i(1), i(2))));
    assertResponse(
        ResponseEnvelope.of(1, ErrorMessage.of(new DbError.CdcWriteFailure(), "cdc full")),
        response5(0, 1, 0x00, join(i(0x1600), s("cdc full"))));
  }

  @Test
  void aCasWriteTimeoutsContentionCountIsSkipped() {
    String hex =
        response5(
            0, 1, 0x00, join(i(0x1100), s("cas timeout"), sh(8), i(0), i(1), s("CAS"), sh(3)));
    ByteBuf wire = Hex.buf(hex);
    Frame frame = FrameDecoder.forClient().decode(wire);
    try {
      ErrorMessage error = (ErrorMessage) V5.decodeResponse(frame).message();
      assertThat(error.error())
          .isEqualTo(new DbError.WriteTimeout(Consistency.SERIAL, 0, 1, WriteType.CAS));
    } finally {
      frame.release();
      wire.release();
    }
  }

  @Test
  void envelopesAreNeverCompressedInV5() {
    FrameCodec v5Lz4 = V5.withCompressor(Compressors.lz4());
    Query query =
        new Query(
            "SELECT " + "x".repeat(2000), QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    ByteBuf encoded = v5Lz4.encode(ALLOC, RequestEnvelope.of(1, query));
    try {
      assertThat(encoded.getByte(0)).isEqualTo((byte) 0x05);
      assertThat(encoded.getByte(1) & 0x01).as("compression flag").isZero();
      assertThat(encoded.readableBytes()).isGreaterThan(2000);
    } finally {
      encoded.release();
    }
  }

  @Test
  void aV5CodecDecodesARefusalSentInV4() {
    // a server that does not speak v5 answers the v5 OPTIONS in its own version
    String hex =
        V.response(0, 0, 0x00, join(i(0x000A), s("Invalid or unsupported protocol version (5)")));
    ByteBuf wire = Hex.buf(hex);
    Frame frame = FrameDecoder.forClient().decode(wire);
    try {
      assertThat(frame.header().version()).isEqualTo(ProtocolVersion.V4);
      ErrorMessage error = (ErrorMessage) V5.decodeResponse(frame).message();
      assertThat(error.error()).isInstanceOf(DbError.ProtocolError.class);
    } finally {
      frame.release();
      wire.release();
    }
  }

  @Test
  void featuresSayWhenMetadataIdsTravel() {
    assertThat(ProtocolFeatures.NONE.resultMetadataIds()).isFalse();
    assertThat(ProtocolFeatures.V5.resultMetadataIds()).isTrue();
    assertThat(new ProtocolFeatures(OptionalInt.empty(), true).resultMetadataIds()).isTrue();
  }
}
