package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a component with a codec of the application's own, for a Java type the mapper does not know
 * (money, geometry, a type from another library). The class implements both halves of the value SPI
 * for the component's type, {@code org.cql4j.protocol.serialize.SerializeValue<T>} and {@code
 * org.cql4j.protocol.deserialize.DeserializeValue<T>}, and has a public no-argument constructor.
 * The generated codec uses one shared instance and binds it once per column, field or marker, as it
 * does the built-in codecs.
 *
 * <p>The codec covers the component's whole type: for {@code List<Money>}, write a codec of {@code
 * List<Money>} (composing {@code Codecs.listSerializer} and {@code Codecs.listDeserializer} with
 * the halves of a codec of {@code Money}). Not on primitive components, which are read and written
 * without codecs.
 *
 * <pre>{@code
 * @Row
 * record Order(UUID id, @CqlCodec(MoneyCodec.class) Money total) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface CqlCodec {
  /**
   * The codec class.
   *
   * @return a class implementing {@code ValueCodec<T>} for the component's type {@code T}
   */
  Class<?> value();
}
