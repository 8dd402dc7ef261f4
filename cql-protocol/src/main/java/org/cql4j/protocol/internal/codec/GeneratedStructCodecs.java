package org.cql4j.protocol.internal.codec;

import java.lang.reflect.InvocationTargetException;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializeValue;

/**
 * Finds the codecs that cql-mapper-processor generated for a {@code @UserType}, {@code @CqlTuple}
 * or {@code @Transparent} record, so that such a record is a value like any other: a bound value on
 * its own, an element of a bound list, set or map, or the target of {@code CqlRow.get(i,
 * Address.class)}. Thread-safe; the lookup runs once per class and is cached in a {@link
 * ClassValue}.
 *
 * <p>Convention (shared with the processor and the session's row codecs): for a record {@code
 * com.x.Outer.Address} (binary name {@code com.x.Outer$Address}) the generated class is {@code
 * com.x.Outer_Address_CqlUdtCodec} for a user type, {@code ..._CqlTupleCodec} for a tuple or {@code
 * ..._CqlTransparentCodec} for a transparent record, with a public no-arg constructor and public
 * no-arg methods {@code serializer()} and {@code deserializer()}. In a named JPMS module the
 * record's package must be exported to {@code org.cql4j.protocol} for the lookup to instantiate it.
 */
public final class GeneratedStructCodecs {
  private static final String[] SUFFIXES = {
    "_CqlUdtCodec", "_CqlTupleCodec", "_CqlTransparentCodec"
  };

  private static final ClassValue<Found> FOUND =
      new ClassValue<>() {
        @Override
        protected Found computeValue(Class<?> type) {
          return find(type);
        }
      };

  private record Found(SerializeValue<?> serializer, DeserializeValue<?> deserializer) {}

  private GeneratedStructCodecs() {}

  /**
   * The generated serializer of a record.
   *
   * @param type any class
   * @return the serializer, or null when {@code type} is not a record with a generated user type or
   *     tuple codec
   * @throws CqlException if the generated class exists but cannot be used
   */
  public static SerializeValue<?> serializer(Class<?> type) {
    return type.isRecord() ? FOUND.get(type).serializer() : null;
  }

  /**
   * The generated deserializer of a record.
   *
   * @param type any class
   * @return the deserializer, or null when {@code type} is not a record with a generated user type
   *     or tuple codec
   * @throws CqlException if the generated class exists but cannot be used
   */
  public static DeserializeValue<?> deserializer(Class<?> type) {
    return type.isRecord() ? FOUND.get(type).deserializer() : null;
  }

  /**
   * Why a class has no codec, for messages: a hint for records, which the processor could map.
   *
   * @param type the class
   * @return the reason, e.g. {@code "this Java type has no CQL mapping"}
   */
  public static String noCodecReason(Class<?> type) {
    return type.isRecord()
        ? "record "
            + type.getName()
            + " has no generated codec: annotate it @UserType, @CqlTuple or @Transparent (or pass a @Row"
            + " record as the whole row), with cql-mapper-processor on the annotation processor path"
        : "this Java type has no CQL mapping; see the type table of the documentation";
  }

  private static Found find(Class<?> type) {
    for (String suffix : SUFFIXES) {
      Object codec = instantiate(generatedName(type, suffix), type.getClassLoader());
      if (codec != null) {
        return new Found(
            (SerializeValue<?>) call(codec, "serializer"),
            (DeserializeValue<?>) call(codec, "deserializer"));
      }
    }
    return new Found(null, null);
  }

  private static String generatedName(Class<?> type, String suffix) {
    String name = type.getName();
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot + 1);
    return pkg + name.substring(dot + 1).replace('$', '_') + suffix;
  }

  private static Object instantiate(String className, ClassLoader loader) {
    Class<?> codecClass;
    try {
      codecClass = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    try {
      return codecClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
      throw new CqlException(
          className + " cannot be instantiated (" + cause + "); is its package exported?", cause);
    }
  }

  private static Object call(Object codec, String method) {
    try {
      return codec.getClass().getMethod(method).invoke(codec);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
      throw new CqlException(
          codec.getClass().getName()
              + "."
              + method
              + "() failed ("
              + cause
              + "): recompile with the same version of cql-mapper-processor as cql-protocol",
          cause);
    }
  }
}
