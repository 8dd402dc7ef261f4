package org.cql4j.session.internal.mapping;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.value.Codecs;

/**
 * Finds the row codec of a Java class: the mapper's generated codec for a {@code @Row} record, or a
 * built-in one ({@code CqlRow}, single-column types). Thread-safe; the generated codec is looked up
 * once per class and cached in a {@link ClassValue}, its deserializer wrapped in a {@link
 * RememberingDeserializer} so that results of the same prepared statement bind it once.
 *
 * <p>Convention (shared with cql-mapper-processor): for a record {@code com.x.Outer.User} (binary
 * name {@code com.x.Outer$User}) the generated class is {@code com.x.Outer_User_CqlRowCodec}: same
 * package, the binary simple name with {@code $} replaced by {@code _}, plus {@code _CqlRowCodec}.
 * It has a public no-arg constructor and either implements {@code DeserializeRow<User>} and/or
 * {@code RowSerializer<User>} itself, or exposes them through public no-arg methods {@code
 * deserializer()} and {@code serializer()} (what the processor generates, since one class cannot
 * implement both interfaces: their {@code bind(List)} methods clash).
 */
public final class RowCodecs {
  /** The suffix of generated row codec classes. */
  public static final String SUFFIX = "_CqlRowCodec";

  private static final String ROW_ANNOTATION = "org.cql4j.mapper.Row";

  private static final ClassValue<Generated> GENERATED =
      new ClassValue<>() {
        @Override
        protected Generated computeValue(Class<?> type) {
          return find(type);
        }
      };

  /** The codecs found for a class; both null when it has no generated codec. */
  private record Generated(DeserializeRow<?> deserializer, Optional<RowSerializer<?>> serializer) {
    Generated(DeserializeRow<?> deserializer, RowSerializer<?> serializer) {
      this(deserializer, Optional.ofNullable(serializer));
    }
  }

  private RowCodecs() {}

  /**
   * The name of the generated codec class of {@code type}.
   *
   * @param type the row class
   * @return the fully qualified binary name of its generated codec
   */
  public static String generatedCodecName(Class<?> type) {
    return generatedName(type, SUFFIX);
  }

  /**
   * The name of a class cql-mapper-processor generates for {@code type}: same package, the binary
   * simple name with {@code $} replaced by {@code _}, then {@code suffix} ({@code _CqlRowCodec},
   * {@code _CqlDao}).
   */
  public static String generatedName(Class<?> type, String suffix) {
    String name = type.getName();
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot + 1);
    return pkg + name.substring(dot + 1).replace('$', '_') + suffix;
  }

  /**
   * Returns the row deserializer of {@code type}: its generated codec if there is one, else the
   * built-in one ({@code CqlRow}, or a single column of a type {@code Codecs.deserializer} knows).
   *
   * @param type the row class
   * @param <R> the row type
   * @return the deserializer
   * @throws CqlException if {@code type} is a record without a generated codec, or has no codec
   */
  @SuppressWarnings("unchecked")
  public static <R> DeserializeRow<R> deserializer(Class<R> type) {
    DeserializeRow<?> generated = GENERATED.get(type).deserializer();
    if (generated != null) {
      return (DeserializeRow<R>) generated;
    }
    try {
      return Codecs.rowDeserializer(type);
    } catch (IllegalArgumentException e) {
      throw noCodec(type, e);
    }
  }

  /**
   * Returns the generated row serializer of a {@code @Row} record.
   *
   * @param type the record class
   * @param <R> the row type
   * @return the serializer, or empty when the class has no generated codec
   */
  @SuppressWarnings("unchecked")
  public static <R> Optional<RowSerializer<R>> serializer(Class<R> type) {
    return (Optional<RowSerializer<R>>) (Optional<?>) GENERATED.get(type).serializer();
  }

  /**
   * The error for a class with no row codec.
   *
   * @param type the class
   * @param cause why the built-in lookup failed, or null
   * @return the exception to throw
   */
  public static CqlException noCodec(Class<?> type, Throwable cause) {
    if (type.isRecord()) {
      return new CqlException(
          "record "
              + type.getName()
              + " has no generated codec: is cql-mapper-processor on the annotation processor path?"
              + " (expected class "
              + generatedCodecName(type)
              + (isAnnotatedRow(type)
                  ? ")"
                  : "; the processor only generates it for records annotated @Row)"),
          cause);
    }
    return new CqlException(
        "no row codec for "
            + type.getName()
            + ": rows(Class) accepts a @Row record, CqlRow.class or a single-column type such as"
            + " String.class",
        cause);
  }

  private static boolean isAnnotatedRow(Class<?> type) {
    return Arrays.stream(type.getAnnotations())
        .anyMatch(a -> a.annotationType().getName().equals(ROW_ANNOTATION));
  }

  private static Generated find(Class<?> type) {
    Object codec = instantiate(type);
    if (codec == null) {
      return new Generated(null, Optional.empty());
    }
    DeserializeRow<?> found =
        codec instanceof DeserializeRow<?> d ? d : (DeserializeRow<?>) call(codec, "deserializer");
    DeserializeRow<?> deserializer = found == null ? null : new RememberingDeserializer<>(found);
    RowSerializer<?> serializer =
        codec instanceof RowSerializer<?> s ? s : (RowSerializer<?>) call(codec, "serializer");
    if (deserializer == null && serializer == null) {
      throw new CqlException(
          codec.getClass().getName()
              + " provides neither a DeserializeRow nor a RowSerializer: recompile with the same"
              + " version of cql-mapper-processor as cql-session");
    }
    return new Generated(deserializer, serializer);
  }

  /** Calls a public no-arg accessor, or returns null when there is none. */
  private static Object call(Object codec, String method) {
    Method m;
    try {
      m = codec.getClass().getMethod(method);
    } catch (NoSuchMethodException e) {
      return null;
    }
    try {
      return m.invoke(codec);
    } catch (IllegalAccessException e) {
      throw new CqlException(codec.getClass().getName() + "." + method + "() is not accessible", e);
    } catch (InvocationTargetException e) {
      throw new CqlException(
          codec.getClass().getName() + "." + method + "() failed: " + e.getCause(), e.getCause());
    }
  }

  private static Object instantiate(Class<?> type) {
    if (type.isPrimitive() || type.isArray()) {
      return null;
    }
    Class<?> codecClass;
    try {
      codecClass = Class.forName(generatedCodecName(type), true, type.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    try {
      return codecClass.getConstructor().newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new CqlException(
          codecClass.getName() + " needs a public no-arg constructor: " + e.getMessage(), e);
    } catch (InvocationTargetException e) {
      throw new CqlException(
          codecClass.getName() + " failed to initialize: " + e.getCause(), e.getCause());
    }
  }
}
