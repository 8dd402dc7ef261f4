package com.example.mapped;

import java.util.List;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.Codecs;

/** The codec of {@link Person.Nested}, found by the $ to _ naming rule. */
public final class Person_Nested_CqlRowCodec implements DeserializeRow<Person.Nested> {
  @Override
  public DeserializeRow.Decoder<Person.Nested> bind(List<ColumnSpec> columns) {
    var d = Codecs.deserializer(String.class).bind(columns.get(0).type());
    return row -> new Person.Nested(row.decode(0, d));
  }
}
