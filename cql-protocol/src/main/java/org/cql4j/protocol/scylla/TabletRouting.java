package org.cql4j.protocol.scylla;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.TupleValue;

/**
 * A tablet's routing information, as ScyllaDB sends it in a RESULT's custom payload when a request
 * reached a node or shard that does not own its tablet (scylla-protocol-extensions.md, "Tablets
 * routing v1" and "v2"). Immutable and thread-safe.
 *
 * @param firstToken the token range's exclusive start: the tablet owns {@code (firstToken,
 *     lastToken]}
 * @param lastToken the token range's inclusive end
 * @param replicas the replicas, in the server's order
 * @param version the tablet's version ({@code tablets-routing-v2}), or empty ({@code v1})
 */
public record TabletRouting(
    long firstToken, long lastToken, List<Replica> replicas, OptionalLong version) {

  /** The custom payload key of {@code tablets-routing-v1}. */
  public static final String V1_KEY = "tablets-routing-v1";

  /** The custom payload key of {@code tablets-routing-v2}. */
  public static final String V2_KEY = "tablets-routing-v2";

  private static final ColumnType REPLICAS =
      ColumnType.list(ColumnType.tuple(ColumnType.UUID, ColumnType.INT));
  // (bigint, bigint, list<tuple<uuid, int>>), and v2's trailing bigint
  private static final DeserializeValue.Decoder<TupleValue> V1 =
      Codecs.deserializer(TupleValue.class)
          .bind(ColumnType.tuple(ColumnType.BIGINT, ColumnType.BIGINT, REPLICAS));
  private static final DeserializeValue.Decoder<TupleValue> V2 =
      Codecs.deserializer(TupleValue.class)
          .bind(
              ColumnType.tuple(ColumnType.BIGINT, ColumnType.BIGINT, REPLICAS, ColumnType.BIGINT));

  /**
   * One replica of a tablet. Immutable and thread-safe.
   *
   * @param hostId the node's host id
   * @param shard the shard of that node that holds the tablet
   */
  public record Replica(UUID hostId, int shard) {
    /** Checks the host id. */
    public Replica {
      Objects.requireNonNull(hostId, "hostId");
    }
  }

  /** Copies the replicas. */
  public TabletRouting {
    replicas = List.copyOf(replicas);
    Objects.requireNonNull(version, "version");
  }

  /**
   * Whether this tablet owns a token.
   *
   * @param token the token
   * @return true if {@code firstToken < token <= lastToken}
   */
  public boolean owns(long token) {
    return token > firstToken && token <= lastToken;
  }

  /**
   * Reads the tablet a RESULT's custom payload announces, {@code v2} before {@code v1}.
   *
   * @param customPayload the response's custom payload
   * @return the tablet, or null when the payload announces none
   * @throws ProtocolException if the announcement does not parse
   */
  public static TabletRouting from(Map<String, byte[]> customPayload) {
    byte[] v2 = customPayload.get(V2_KEY);
    if (v2 != null) {
      return parse(v2, V2, V2_KEY);
    }
    byte[] v1 = customPayload.get(V1_KEY);
    return v1 == null ? null : parse(v1, V1, V1_KEY);
  }

  private static TabletRouting parse(
      byte[] bytes, DeserializeValue.Decoder<TupleValue> decoder, String key) {
    TupleValue tuple;
    try {
      tuple = decoder.decode(Unpooled.wrappedBuffer(bytes));
    } catch (CqlException e) {
      throw new ProtocolException(key, -1, "malformed tablet: " + e.getMessage(), e);
    }
    Long first = (Long) tuple.get(0);
    Long last = (Long) tuple.get(1);
    Object replicaList = tuple.get(2);
    if (first == null || last == null || !(replicaList instanceof List<?> list)) {
      throw new ProtocolException(key, -1, "a tablet needs its token range and replicas");
    }
    if (first >= last) {
      throw new ProtocolException(key, -1, "an empty token range (" + first + ", " + last + "]");
    }
    List<Replica> replicas = new ArrayList<>(list.size());
    for (Object element : list) {
      TupleValue replica = (TupleValue) element;
      if (replica == null || replica.get(0) == null || replica.get(1) == null) {
        throw new ProtocolException(key, -1, "a tablet replica needs a host id and a shard");
      }
      replicas.add(new Replica((UUID) replica.get(0), (Integer) replica.get(1)));
    }
    OptionalLong version = OptionalLong.empty();
    if (tuple.size() > 3 && tuple.get(3) != null) {
      version = OptionalLong.of((Long) tuple.get(3));
    }
    return new TabletRouting(first, last, replicas, version);
  }
}
