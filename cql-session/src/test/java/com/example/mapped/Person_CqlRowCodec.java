package com.example.mapped;

import java.util.List;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.Codecs;

/**
 * Hand-written in the shape the mapper generates: a public no-arg constructor and {@code
 * deserializer()}/{@code serializer()} accessors (one class cannot implement both interfaces).
 */
public final class Person_CqlRowCodec {
  public static final DeserializeRow<Person> DESERIALIZER = Person_CqlRowCodec::bindColumns;
  public static final RowSerializer<Person> SERIALIZER =
      markers ->
          (row, out) -> {
            throw new UnsupportedOperationException();
          };

  public DeserializeRow<Person> deserializer() {
    return DESERIALIZER;
  }

  public RowSerializer<Person> serializer() {
    return SERIALIZER;
  }

  private static DeserializeRow.Decoder<Person> bindColumns(List<ColumnSpec> columns) {
    int id = indexOf(columns, "id");
    int name = indexOf(columns, "name");
    DeserializeValue.Decoder<Integer> dId;
    DeserializeValue.Decoder<String> dName;
    try {
      dId = Codecs.deserializer(Integer.class).bind(columns.get(id).type());
    } catch (TypeCheckException e) {
      throw e.inColumn("id");
    }
    dName = Codecs.deserializer(String.class).bind(columns.get(name).type());
    return row -> new Person(row.decode(id, dId), row.decode(name, dName));
  }

  private static int indexOf(List<ColumnSpec> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name);
  }
}
