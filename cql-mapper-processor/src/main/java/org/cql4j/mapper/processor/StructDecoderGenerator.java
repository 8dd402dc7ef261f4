package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.BYTE_BUF;
import static org.cql4j.mapper.processor.Names.COLUMN_TYPE;
import static org.cql4j.mapper.processor.Names.SUPPORT;
import static org.cql4j.mapper.processor.Names.VALUE_DECODER;
import static org.cql4j.mapper.processor.Names.of;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates the {@code bindDecoder} method of a user type or tuple codec: it binds the fields once
 * per CQL type ({@link StructLayout}) and returns a decoder that reads a value's fields in one
 * pass. Stateless and thread-safe.
 */
final class StructDecoderGenerator {
  private StructDecoderGenerator() {}

  /** {@code private static DeserializeValue.Decoder<Address> bindDecoder(ColumnType type)}. */
  static MethodSpec bindDecoder(RecordModel m) {
    CodeBlock.Builder b = CodeBlock.builder();
    StructLayout layout = StructLayout.bind(b, m, StructLayout.Direction.READ);
    List<Component> mapped = StructLayout.mapped(m);
    String type = layout.typeVar();
    for (Component c : mapped) {
      CodeBlock bind =
          CodeBlock.of(
              "$T.bindField($L, $N, $NAt, JAVA_TYPE)",
              SUPPORT,
              Names.deserializer(c.type()),
              type,
              c.name());
      TypeName decoder = of(VALUE_DECODER, c.type().boxed());
      if (c.allowMissing()) {
        b.addStatement("$T $NDecoder = $NAt < 0 ? null : $L", decoder, c.name(), c.name(), bind);
      } else {
        b.addStatement("$T $NDecoder = $L", decoder, c.name(), bind);
      }
    }
    // native_protocol_v4.spec §6.20/§6.21: one [bytes] per field; a value written before fields
    // were added (ALTER TYPE ... ADD) ends early, and its missing fields read as null.
    b.add("return cell -> {\n$>");
    b.beginControlFlow("if (cell == null)");
    b.addStatement("return null");
    b.endControlFlow();
    for (Component c : mapped) {
      TypeName local = c.isPrimitive() ? c.type().boxed() : c.javaType();
      CodeBlock init = c.isPrimitive() ? CodeBlock.of("null") : Names.javaDefault(c.javaType());
      b.addStatement("$T $NValue = $L", local, c.name(), init);
    }
    b.addStatement("int pos = cell.readerIndex()");
    b.addStatement("int end = cell.writerIndex()");
    b.beginControlFlow("for (int i = 0; i < $L; i++)", layout.count());
    b.addStatement("$T field = null", BYTE_BUF);
    b.beginControlFlow("if (pos < end)");
    b.addStatement("int length = $T.fieldLength(cell, pos, end, $N, i, JAVA_TYPE)", SUPPORT, type);
    b.addStatement("pos += 4");
    b.beginControlFlow("if (length >= 0)");
    b.addStatement("field = cell.setIndex(pos, pos + length)");
    b.addStatement("pos += length");
    b.endControlFlow();
    b.endControlFlow();
    b.beginControlFlow("switch ($L)", layout.slot());
    for (int k = 0; k < mapped.size(); k++) {
      Component c = mapped.get(k);
      b.addStatement(
          "case $L -> $NValue = $T.decodeField($NDecoder, field, $N, i, JAVA_TYPE)",
          k,
          c.name(),
          SUPPORT,
          c.name(),
          type);
    }
    if (layout.unmappedFields()) {
      b.add("default -> {} // a field that no component maps to is skipped\n");
    }
    b.endControlFlow();
    b.endControlFlow();
    b.addStatement("$T.checkEnd(pos, end, $N, JAVA_TYPE)", SUPPORT, type);
    b.addStatement("return new $T($L)", m.record(), CodeBlock.join(arguments(m, type), ", "));
    b.add("$<};\n");
    return MethodSpec.methodBuilder("bindDecoder")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(of(VALUE_DECODER, m.record()))
        .addParameter(COLUMN_TYPE, "type")
        .addCode(b.build())
        .build();
  }

  /** The record's constructor arguments: defaults for skipped components, null checks. */
  private static List<CodeBlock> arguments(RecordModel m, String type) {
    List<CodeBlock> args = new ArrayList<>();
    for (Component c : m.components()) {
      CodeBlock javaDefault = Names.javaDefault(c.javaType());
      if (c.skip()) {
        args.add(javaDefault);
      } else if (!c.isPrimitive()) {
        args.add(CodeBlock.of("$NValue", c.name()));
      } else if (c.defaultWhenNull()) {
        args.add(CodeBlock.of("$NValue == null ? $L : $NValue", c.name(), javaDefault, c.name()));
      } else {
        CodeBlock check =
            CodeBlock.of(
                "$T.nonNullField($NValue, $N, $NAt, $S, JAVA_TYPE)",
                SUPPORT,
                c.name(),
                type,
                c.name(),
                c.javaType().toString());
        args.add(
            c.allowMissing()
                ? CodeBlock.of("$NAt < 0 ? $L : $L", c.name(), javaDefault, check)
                : check);
      }
    }
    return args;
  }
}
