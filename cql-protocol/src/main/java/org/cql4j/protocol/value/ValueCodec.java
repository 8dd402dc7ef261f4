package org.cql4j.protocol.value;

import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializeValue;

/**
 * Both halves of the value SPI for one Java type, as one class: what {@code @CqlCodec} names on a
 * record component, for a type the mapper does not know (money, geometry, a type from another
 * library). One class cannot implement {@link DeserializeValue} and {@link SerializeValue} itself
 * (both declare {@code bind(ColumnType)} with different return types), hence the two accessors.
 *
 * <p>An implementation named by {@code @CqlCodec} has a public no-argument constructor; the
 * generated codecs share one instance and bind its codecs once per column, field or marker, as they
 * do the built-in ones. Implementations must be thread-safe. {@link
 * Codecs#mappedDeserializer(String, DeserializeValue, java.util.function.Function)} and {@link
 * Codecs#mappedSerializer(String, SerializeValue, java.util.function.Function)} build the two
 * halves from a type with a codec.
 *
 * <pre>{@code
 * public final class MoneyCodec implements ValueCodec<Money> {
 *   public DeserializeValue<Money> deserializer() {
 *     return Codecs.mappedDeserializer("Money", Codecs.deserializer(String.class), Money::parse);
 *   }
 *
 *   public SerializeValue<Money> serializer() {
 *     return Codecs.mappedSerializer("Money", Codecs.serializer(String.class), Money::toString);
 *   }
 * }
 * }</pre>
 *
 * @param <T> the Java type
 */
public interface ValueCodec<T> {
  /**
   * Reads the type.
   *
   * @return the deserializer, the same one on every call
   */
  DeserializeValue<T> deserializer();

  /**
   * Writes the type.
   *
   * @return the serializer, the same one on every call
   */
  SerializeValue<T> serializer();
}
