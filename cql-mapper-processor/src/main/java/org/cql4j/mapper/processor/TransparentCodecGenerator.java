package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.CODECS;
import static org.cql4j.mapper.processor.Names.DESERIALIZE_VALUE;
import static org.cql4j.mapper.processor.Names.SERIALIZE_VALUE;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeSpec;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates {@code <Name>_CqlTransparentCodec} for a {@code @Transparent} record: the codecs of its
 * one component, mapped through the canonical constructor and the accessor ({@code
 * Codecs.mappedDeserializer}, {@code Codecs.mappedSerializer}). Stateless and thread-safe.
 */
final class TransparentCodecGenerator {
  private TransparentCodecGenerator() {}

  static TypeSpec generate(RecordModel m) {
    Component c = m.components().get(0);
    String javaType = m.record().canonicalName();
    return Skeleton.codecClass(
            m,
            DESERIALIZE_VALUE,
            CodeBlock.of(
                "$T.mappedDeserializer($S, $L, $T::new)",
                CODECS,
                javaType,
                Names.deserializer(c.type()),
                m.record()),
            SERIALIZE_VALUE,
            CodeBlock.of(
                "$T.mappedSerializer($S, $L, $T::$N)",
                CODECS,
                javaType,
                Names.serializer(c.type()),
                m.record(),
                c.name()),
            "transparent")
        .build();
  }
}
