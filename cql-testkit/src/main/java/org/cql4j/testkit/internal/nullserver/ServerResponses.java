package org.cql4j.testkit.internal.nullserver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCounted;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.Ready;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.message.VoidResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every response frame the null server sends, encoded once and shared by all connections;
 * thread-safe.
 *
 * <p>They are SUPPORTED, READY, the answer to each distinct query text, and for each prepared
 * statement its Prepared result and its execution results with and without metadata.
 *
 * <p>Canned frames carry stream id 0; a connection copies (small frames) or slices (large ones)
 * them and sets its own stream id in its copy of the header, so the shared bytes are never written.
 * They are unpooled direct buffers owned by this object and released by {@link #close()}, after the
 * event loops have stopped.
 */
final class ServerResponses implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerResponses.class);

  /** Query texts remembered at most; beyond, answers are encoded for each request. */
  private static final int MAX_CACHED_QUERIES = 10_000;

  private final Catalog catalog;
  private final FrameCodec codec = FrameCodec.defaults();
  private final ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
  private final ByteBuf supported;
  private final ByteBuf ready;
  private final ByteBuf voidResult;
  private final Map<String, Answer> queries = new ConcurrentHashMap<>();
  private final Object prepareLock = new Object();
  private volatile Prepared[] prepared = new Prepared[0];

  /**
   * An answer frame.
   *
   * @param frame the frame, stream id 0
   * @param owned whether the caller owns (and must write or release) the frame; else it is shared
   *     and must only be copied or sliced
   * @param keyspace the keyspace a {@code USE} switched to, else {@code null}
   */
  record Answer(ByteBuf frame, boolean owned, String keyspace) {}

  /**
   * A prepared statement and its canned frames; thread-safe.
   *
   * @param id the statement id (16 bytes)
   * @param high the first 8 bytes of the id, big-endian
   * @param low the last 8 bytes of the id, big-endian
   * @param preparedFrame the Prepared result
   * @param withMetadata the execution result with result metadata
   * @param withoutMetadata the execution result without it (skip metadata)
   */
  record Prepared(
      byte[] id,
      long high,
      long low,
      ByteBuf preparedFrame,
      ByteBuf withMetadata,
      ByteBuf withoutMetadata) {

    /** Whether {@code length} bytes of {@code in} at {@code index} are this id. */
    boolean matches(ByteBuf in, int index, int length) {
      // ids are 16-byte digests: two longs compare them without allocating
      return length == 16 && in.getLong(index) == high && in.getLong(index + 8) == low;
    }
  }

  /**
   * Creates the responses of one server.
   *
   * @param catalog the tables it answers for
   */
  ServerResponses(Catalog catalog) {
    this.catalog = catalog;
    this.supported =
        encode(
            new Supported(
                Map.of(
                    "CQL_VERSION", List.of("3.4.7"),
                    "COMPRESSION", List.of(),
                    "PROTOCOL_VERSIONS", List.of("4/v4"))));
    this.ready = encode(new Ready());
    this.voidResult = encode(VoidResult.INSTANCE);
  }

  /** SUPPORTED: CQL 3.4.7, no compression, protocol v4 only. Shared. */
  ByteBuf supported() {
    return supported;
  }

  /** READY. Shared. */
  ByteBuf ready() {
    return ready;
  }

  /** A Void result, for BATCH. Shared. */
  ByteBuf voidResult() {
    return voidResult;
  }

  /**
   * Answers a QUERY.
   *
   * @param keyspace the connection's keyspace, or {@code null}
   * @param cql the query text
   * @return the answer: rows, void, set keyspace, or an Invalid error naming the query
   */
  Answer query(String keyspace, String cql) {
    String key = keyspace == null ? cql : keyspace + '\n' + cql;
    Answer cached = queries.get(key);
    if (cached != null) {
      return cached;
    }
    Answer answer;
    try {
      QueryPlan plan = QueryPlan.of(catalog, keyspace, cql);
      answer = new Answer(encodeResult(plan, true), false, plan.keyspace());
    } catch (RuntimeException e) {
      answer = new Answer(invalid(cql, e), false, null);
    }
    if (queries.size() >= MAX_CACHED_QUERIES) {
      return new Answer(answer.frame(), true, answer.keyspace());
    }
    Answer raced = queries.putIfAbsent(key, answer);
    if (raced != null) {
      answer.frame().release();
      return raced;
    }
    return answer;
  }

  /**
   * Answers a PREPARE, registering the statement.
   *
   * @param keyspace the connection's keyspace, or {@code null}
   * @param cql the query text
   * @return the Prepared result (shared), or an Invalid error naming the query (owned)
   */
  Answer prepare(String keyspace, String cql) {
    byte[] id = statementId(keyspace, cql);
    Prepared known = find(id);
    if (known != null) {
      return new Answer(known.preparedFrame(), false, null);
    }
    QueryPlan plan;
    try {
      plan = QueryPlan.of(catalog, keyspace, cql);
    } catch (RuntimeException e) {
      return new Answer(invalid(cql, e), true, null);
    }
    synchronized (prepareLock) {
      known = find(id);
      if (known == null) {
        known =
            new Prepared(
                id,
                ByteBuffer.wrap(id).getLong(0),
                ByteBuffer.wrap(id).getLong(8),
                encode(
                    new PreparedResult(
                        id, null, plan.preparedVariables(), plan.preparedResultMetadata())),
                encodeResult(plan, true),
                encodeResult(plan, false));
        Prepared[] grown = Arrays.copyOf(prepared, prepared.length + 1);
        grown[grown.length - 1] = known;
        prepared = grown;
      }
    }
    return new Answer(known.preparedFrame(), false, null);
  }

  /**
   * Finds a prepared statement by the id bytes of an EXECUTE, without allocating.
   *
   * @param in the buffer holding the id; not released
   * @param index where the id starts
   * @param length the id length
   * @return the statement, or {@code null} if unknown
   */
  Prepared find(ByteBuf in, int index, int length) {
    for (Prepared p : prepared) {
      if (p.matches(in, index, length)) {
        return p;
      }
    }
    return null;
  }

  /** Finds a prepared statement by id, or returns {@code null}. */
  Prepared find(byte[] id) {
    for (Prepared p : prepared) {
      if (Arrays.equals(p.id(), id)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Encodes an error frame the caller owns.
   *
   * @param streamId the stream id
   * @param error the error
   * @param message the message
   * @return the frame; the caller writes or releases it
   */
  ByteBuf error(int streamId, DbError error, String message) {
    return codec.encode(alloc, ResponseEnvelope.of(streamId, ErrorMessage.of(error, message)));
  }

  /** The Unprepared error for an unknown id, owned by the caller. */
  ByteBuf unprepared(int streamId, byte[] id) {
    return error(
        streamId,
        new DbError.Unprepared(id),
        "Prepared query with ID "
            + HexFormat.of().formatHex(id)
            + " not found (NullCqlServer knows only the statements prepared since it started)");
  }

  @Override
  public void close() {
    supported.release();
    ready.release();
    voidResult.release();
    queries.values().forEach(a -> a.frame().release());
    queries.clear();
    synchronized (prepareLock) {
      for (Prepared p : prepared) {
        p.preparedFrame().release();
        p.withMetadata().release();
        p.withoutMetadata().release();
      }
      prepared = new Prepared[0];
    }
  }

  private ByteBuf invalid(String cql, RuntimeException cause) {
    LOG.debug("Answering Invalid to \"{}\": {}", cql, cause.getMessage());
    return error(
        0,
        new DbError.Invalid(),
        "NullCqlServer cannot answer \"" + cql + "\": " + cause.getMessage());
  }

  private ByteBuf encodeResult(QueryPlan plan, boolean withMetadata) {
    Result result = plan.result(withMetadata, alloc);
    try {
      return encode(result);
    } finally {
      if (result instanceof ReferenceCounted counted) {
        counted.release();
      }
    }
  }

  private ByteBuf encode(Response message) {
    return codec.encode(alloc, ResponseEnvelope.of(0, message));
  }

  /** An MD5 of the keyspace and query text, as Cassandra derives its statement ids. */
  private static byte[] statementId(String keyspace, String cql) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      if (keyspace != null) {
        md5.update(keyspace.getBytes(StandardCharsets.UTF_8));
      }
      return md5.digest(cql.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }
}
