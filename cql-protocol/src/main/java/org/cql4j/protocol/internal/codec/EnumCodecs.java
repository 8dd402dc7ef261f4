package org.cql4j.protocol.internal.codec;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;

/**
 * The codecs of Java enums: a constant maps to {@code text} or {@code ascii} as its name, or as the
 * name its {@code @org.cql4j.mapper.CqlName} annotation gives (read by reflection: cql-protocol
 * does not depend on the mapper's annotations). Thread-safe; each enum's names are read once and
 * cached.
 */
public final class EnumCodecs {
  private static final String CQL_NAME = "org.cql4j.mapper.CqlName";

  private static final ClassValue<EnumCodec<?>> CODECS =
      new ClassValue<>() {
        @Override
        protected EnumCodec<?> computeValue(Class<?> type) {
          return codec(type.asSubclass(Enum.class));
        }
      };

  private EnumCodecs() {}

  /**
   * The deserializer of an enum.
   *
   * @param enumClass the enum class
   * @return its deserializer
   * @throws IllegalArgumentException if two constants map to the same name
   */
  public static DeserializeValue<?> deserializer(Class<?> enumClass) {
    return CODECS.get(enumClass).deserializer;
  }

  /**
   * The serializer of an enum.
   *
   * @param enumClass the enum class
   * @return its serializer
   * @throws IllegalArgumentException if two constants map to the same name
   */
  public static SerializeValue<?> serializer(Class<?> enumClass) {
    return CODECS.get(enumClass).serializer;
  }

  /**
   * The enum a value's class belongs to: the class itself, or for a constant with a body (an
   * anonymous subclass) its enum; null when the class is not an enum's.
   */
  public static Class<?> enumOf(Class<?> valueClass) {
    if (valueClass.isEnum()) {
      return valueClass;
    }
    Class<?> parent = valueClass.getSuperclass();
    return parent != null && parent.isEnum() ? parent : null;
  }

  private static <E extends Enum<E>> EnumCodec<E> codec(Class<E> enumClass) {
    E[] constants = enumClass.getEnumConstants();
    String[] names = new String[constants.length];
    Map<String, E> byName = new HashMap<>();
    for (E constant : constants) {
      String name = cqlName(enumClass, constant);
      E previous = byName.putIfAbsent(name, constant);
      if (previous != null) {
        throw new IllegalArgumentException(
            "Enum "
                + enumClass.getName()
                + " maps both "
                + previous.name()
                + " and "
                + constant.name()
                + " to the CQL name '"
                + name
                + "'");
      }
      names[constant.ordinal()] = name;
    }
    return new EnumCodec<>(enumClass.getName(), names, byName);
  }

  private static String cqlName(Class<?> enumClass, Enum<?> constant) {
    try {
      Field field = enumClass.getField(constant.name());
      for (Annotation a : field.getAnnotations()) {
        if (a.annotationType().getName().equals(CQL_NAME)) {
          return (String) a.annotationType().getMethod("value").invoke(a);
        }
      }
      return constant.name();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "Cannot read the @CqlName of " + enumClass.getName() + "." + constant.name(), e);
    }
  }

  /** One enum's names both ways and its codecs; immutable. */
  private static final class EnumCodec<E extends Enum<E>> {
    private final String javaType;
    private final String[] names; // by ordinal
    private final Map<String, E> byName;
    final DeserializeValue<E> deserializer = this::bindDecoder;
    final SerializeValue<E> serializer = this::bindWriter;

    EnumCodec(String javaType, String[] names, Map<String, E> byName) {
      this.javaType = javaType;
      this.names = names;
      this.byName = byName;
    }

    private DeserializeValue.Decoder<E> bindDecoder(ColumnType type) {
      if (type != ColumnType.TEXT && type != ColumnType.ASCII) {
        throw new TypeCheckException(null, type, javaType, "an enum maps to text or ascii");
      }
      DeserializeValue.Decoder<String> text = NativeCodecs.STRING.deserializer().bind(type);
      return cell -> {
        String name = text.decode(cell);
        if (name == null) {
          return null;
        }
        E constant = byName.get(name);
        if (constant == null) {
          throw new DeserializationException(
              null,
              type,
              javaType,
              cell.readerIndex(),
              "'" + name + "' is none of the enum's names " + Arrays.toString(names));
        }
        return constant;
      };
    }

    private SerializeValue.Writer<E> bindWriter(ColumnType type) {
      if (type != ColumnType.TEXT && type != ColumnType.ASCII) {
        throw new SerializationException(null, type, javaType, "an enum maps to text or ascii");
      }
      SerializeValue.Writer<String> text = NativeCodecs.STRING.serializer().bind(type);
      return (value, out) ->
          value == null ? SerializeValue.Writer.NULL : text.write(names[value.ordinal()], out);
    }
  }
}
