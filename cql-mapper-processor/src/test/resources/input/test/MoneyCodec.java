package test;

import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.ValueCodec;

/** Codes {@link Money} as text, built from the text codecs. */
// tag::money-codec[]
public final class MoneyCodec implements ValueCodec<Money> {
  private static final DeserializeValue<Money> READ =
      Codecs.mappedDeserializer("Money", Codecs.deserializer(String.class), Money::parse);
  private static final SerializeValue<Money> WRITE =
      Codecs.mappedSerializer("Money", Codecs.serializer(String.class), Money::toString);

  @Override
  public DeserializeValue<Money> deserializer() {
    return READ;
  }

  @Override
  public SerializeValue<Money> serializer() {
    return WRITE;
  }
}
// end::money-codec[]
