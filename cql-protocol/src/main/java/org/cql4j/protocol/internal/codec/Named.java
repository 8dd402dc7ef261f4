package org.cql4j.protocol.internal.codec;

import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;

/** Built-in codecs that know the name of their Java type, for messages. Thread-safe. */
public final class Named {
  private Named() {}

  /** The Java type name of a codec, or its class name for user codecs. */
  public static String of(Object codec) {
    if (codec instanceof Deserializer<?> d) {
      return d.javaType();
    }
    if (codec instanceof Serializer<?> s) {
      return s.javaType();
    }
    return codec.getClass().getName();
  }

  /**
   * A deserializer with a Java type name.
   *
   * @param javaType the Java type's name
   * @param impl the deserializer
   */
  public record Deserializer<T>(String javaType, DeserializeValue<T> impl)
      implements DeserializeValue<T> {
    @Override
    public Decoder<T> bind(ColumnType type) {
      return impl.bind(type);
    }

    @Override
    public Decoder<T> bindNonFrozenCollection(ColumnType type) {
      return impl.bindNonFrozenCollection(type);
    }
  }

  /**
   * A serializer with a Java type name.
   *
   * @param javaType the Java type's name
   * @param impl the serializer
   */
  public record Serializer<T>(String javaType, SerializeValue<T> impl)
      implements SerializeValue<T> {
    @Override
    public Writer<T> bind(ColumnType type) {
      return impl.bind(type);
    }
  }
}
