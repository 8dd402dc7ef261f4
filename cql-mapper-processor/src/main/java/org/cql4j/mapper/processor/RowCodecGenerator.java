package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.DESERIALIZE_ROW;
import static org.cql4j.mapper.processor.Names.ROW_SERIALIZER;

import com.palantir.javapoet.TypeSpec;
import java.util.List;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates {@code <Name>_CqlRowCodec} for a {@code @Row} record; stateless and thread-safe. The
 * class has a row deserializer that binds column positions once per result metadata ({@link
 * RowDecoderGenerator}) and a row serializer that binds components to bind markers once per
 * statement ({@link RowWriterGenerator}); checks and messages are calls into cql-protocol's {@code
 * GeneratedCodecSupport}.
 */
final class RowCodecGenerator {

  TypeSpec generate(RecordModel m) {
    List<RowColumn> columns = RowColumn.of(m);
    return Skeleton.codecClass(
            m, DESERIALIZE_ROW, "bindColumns", ROW_SERIALIZER, "bindMarkers", "row")
        .addMethod(RowDecoderGenerator.bindColumns(m, columns))
        .addMethod(RowWriterGenerator.bindMarkers(m, columns))
        .build();
  }
}
