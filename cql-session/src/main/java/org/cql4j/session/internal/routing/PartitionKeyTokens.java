package org.cql4j.session.internal.routing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializeRow;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.internal.mapping.RowCodecs;

/**
 * The token of a table's partition key given as values (the Rust driver's {@code
 * ClusterState::compute_token}): the values are written as the partition key columns' bind markers
 * would be, then hashed as a request's are. Stateless and thread-safe; not for the request path
 * (prepared statements compute their tokens from the bytes they send).
 */
public final class PartitionKeyTokens {
  private PartitionKeyTokens() {}

  /**
   * Computes a token.
   *
   * @param table the table, for its partition key columns and their types
   * @param values the partition key's values: positional ({@code Values}, a {@code List}, an {@code
   *     Object[]}) in partition key order, by name (a {@code Map}), or a {@code @Row} record (its
   *     components named after the columns; others are ignored)
   * @return the token
   * @throws IllegalArgumentException if a value is missing or null
   * @throws org.cql4j.protocol.serialize.SerializationException if a value does not fit its column
   */
  public static long compute(TableMetadata table, Object values) {
    List<ColumnSpec> markers = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (String name : table.partitionKey()) {
      ColumnMetadata column = table.columns().get(name);
      indexes.add(markers.size());
      markers.add(new ColumnSpec(table.keyspace(), table.name(), name, column.type()));
    }
    BoundValues bound = bound(markers, values);
    SerializedValues serialized = SerializedValues.of(bound, ByteBufAllocator.DEFAULT);
    try {
      long token = serialized.token(indexes);
      if (token == Long.MIN_VALUE) {
        throw new IllegalArgumentException(
            "a partition key value of " + table.keyspace() + "." + table.name() + " is null");
      }
      return token;
    } finally {
      serialized.release();
    }
  }

  @SuppressWarnings("unchecked")
  private static BoundValues bound(List<ColumnSpec> markers, Object values) {
    Class<?> type = values.getClass();
    Optional<? extends RowSerializer<?>> generated =
        type.isRecord() && !(values instanceof SerializeRow)
            ? RowCodecs.serializer(type)
            : Optional.empty();
    SerializeRow row;
    if (generated.isPresent()) {
      RowSerializer.Writer<Object> writer =
          (RowSerializer.Writer<Object>) generated.get().bind(markers);
      row = (m, out) -> writer.write(values, out);
    } else {
      row = Codecs.row(values);
    }
    return new BoundValues() {
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
        RowWriter writer = new RowWriter(out);
        row.serialize(markers, writer);
        return writer.valueCount();
      }
    };
  }
}
