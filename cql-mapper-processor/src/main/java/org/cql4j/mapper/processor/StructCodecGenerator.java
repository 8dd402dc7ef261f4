package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.DESERIALIZE_VALUE;
import static org.cql4j.mapper.processor.Names.SERIALIZE_VALUE;

import com.palantir.javapoet.TypeSpec;
import org.cql4j.mapper.processor.Model.Kind;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates {@code <Name>_CqlUdtCodec} for a {@code @UserType} record and {@code
 * <Name>_CqlTupleCodec} for a {@code @CqlTuple} record; stateless and thread-safe. Both encodings
 * are a sequence of [bytes], one per field or element (native_protocol_v4.spec §6.20, §6.21), so
 * user types and tuples share one layout ({@link StructLayout}), one decoder ({@link
 * StructDecoderGenerator}) and one writer ({@link StructWriterGenerator}); a tuple is a user type
 * matched by position, without names.
 */
final class StructCodecGenerator {

  TypeSpec generate(RecordModel m) {
    return Skeleton.codecClass(
            m,
            DESERIALIZE_VALUE,
            "bindDecoder",
            SERIALIZE_VALUE,
            "bindWriter",
            m.kind() == Kind.UDT ? "user type" : "tuple")
        .addMethod(StructDecoderGenerator.bindDecoder(m))
        .addMethod(StructWriterGenerator.bindWriter(m))
        .build();
  }
}
