package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.COLUMN_TYPE;
import static org.cql4j.mapper.processor.Names.PRIMITIVE_WRITERS;
import static org.cql4j.mapper.processor.Names.SUPPORT;
import static org.cql4j.mapper.processor.Names.VALUE_WRITER;
import static org.cql4j.mapper.processor.Names.of;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates the {@code bindWriter} method of a user type or tuple codec: it binds the fields once
 * per CQL type ({@link StructLayout}, as the decoder does) and returns a writer that writes a
 * value's fields in the type's order, null for fields that no component maps to. Stateless and
 * thread-safe.
 *
 * <p>A primitive component whose field has its natural CQL type ({@code int} for an {@code int},
 * ...) is written through {@code GeneratedPrimitiveWriters}, without boxing; its boxed writer is
 * still bound, so type errors are unchanged, and writes any other type.
 */
final class StructWriterGenerator {
  private StructWriterGenerator() {}

  /** {@code private static SerializeValue.Writer<Address> bindWriter(ColumnType type)}. */
  static MethodSpec bindWriter(RecordModel m) {
    CodeBlock.Builder b = CodeBlock.builder();
    StructLayout layout = StructLayout.bind(b, m, StructLayout.Direction.WRITE);
    List<Component> mapped = StructLayout.mapped(m);
    String type = layout.typeVar();
    for (Component c : mapped) {
      CodeBlock bind =
          CodeBlock.of(
              "$T.bindFieldWriter($L, $N, $NAt, JAVA_TYPE)",
              SUPPORT,
              Names.serializer(c.type()),
              type,
              c.name());
      TypeName writer = of(VALUE_WRITER, c.type().boxed());
      if (c.allowMissing()) {
        b.addStatement("$T $NWriter = $NAt < 0 ? null : $L", writer, c.name(), c.name(), bind);
      } else {
        b.addStatement("$T $NWriter = $L", writer, c.name(), bind);
      }
      if (c.isPrimitive()) {
        CodeBlock direct =
            CodeBlock.of(
                "$T.writesFieldDirectly($N, $NAt, $T.class)",
                PRIMITIVE_WRITERS,
                type,
                c.name(),
                c.javaType());
        b.addStatement(
            "boolean $NDirect = $L$L",
            c.name(),
            c.allowMissing() ? CodeBlock.of("$NAt >= 0 && ", c.name()) : "",
            direct);
      }
    }
    // native_protocol_v4.spec §6.20/§6.21: one [bytes] per field, in the type's order.
    b.add("return (value, out) -> {\n$>");
    b.beginControlFlow("if (value == null)");
    b.addStatement("return $T.NULL", VALUE_WRITER);
    b.endControlFlow();
    if (layout.byName()) {
      fieldsBySlot(b, layout, mapped);
    } else {
      fieldsInOrder(b, layout, mapped);
    }
    b.addStatement("return $T.VALUE", VALUE_WRITER);
    b.add("$<};\n");
    return MethodSpec.methodBuilder("bindWriter")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(of(VALUE_WRITER, m.record()))
        .addParameter(COLUMN_TYPE, "type")
        .addCode(b.build())
        .build();
  }

  /** Flavor MATCH_BY_NAME: the type's fields in its order, each written by its component. */
  private static void fieldsBySlot(
      CodeBlock.Builder b, StructLayout layout, List<Component> mapped) {
    b.beginControlFlow("for (int i = 0; i < $L; i++)", layout.count());
    b.beginControlFlow("switch ($L)", layout.slot());
    for (int k = 0; k < mapped.size(); k++) {
      Component c = mapped.get(k);
      CodeBlock write =
          CodeBlock.of(
              "$T.writeField($NWriter, value.$N(), out, $N, i, JAVA_TYPE)",
              SUPPORT,
              c.name(),
              c.name(),
              layout.typeVar());
      if (c.isPrimitive()) {
        b.beginControlFlow("case $L ->", k);
        writePrimitive(b, c, write);
        b.endControlFlow();
      } else {
        b.addStatement("case $L -> $L", k, write);
      }
    }
    if (layout.unmappedFields()) {
      b.add("// a field that no component maps to is written as null\n");
      b.addStatement("default -> out.writeInt($T.NULL)", VALUE_WRITER);
    }
    b.endControlFlow();
    b.endControlFlow();
  }

  /** Tuples and flavor ENFORCE_ORDER: component {@code k} is field {@code k}. */
  private static void fieldsInOrder(
      CodeBlock.Builder b, StructLayout layout, List<Component> mapped) {
    for (Component c : mapped) {
      CodeBlock write =
          CodeBlock.of(
              "$T.writeField($NWriter, value.$N(), out, $N, $NAt, JAVA_TYPE)",
              SUPPORT,
              c.name(),
              c.name(),
              layout.typeVar(),
              c.name());
      if (c.allowMissing()) {
        b.beginControlFlow("if ($NAt >= 0)", c.name());
        writeComponent(b, c, write);
        b.endControlFlow();
      } else {
        writeComponent(b, c, write);
      }
    }
    if (layout.unmappedFields()) {
      b.add("// fields after the last component map to no component: written as null\n");
      b.beginControlFlow("for (int i = $L; i < $L; i++)", mapped.size(), layout.count());
      b.addStatement("out.writeInt($T.NULL)", VALUE_WRITER);
      b.endControlFlow();
    }
  }

  /** {@code write}, or for a primitive the choice between it and the unboxed write. */
  private static void writeComponent(CodeBlock.Builder b, Component c, CodeBlock write) {
    if (c.isPrimitive()) {
      writePrimitive(b, c, write);
    } else {
      b.addStatement(write);
    }
  }

  /**
   * {@code if (zipDirect) GeneratedPrimitiveWriters.writeInt(out, value.zip()) else write}: a
   * primitive of its field's natural CQL type, decided once per CQL type, is written unboxed.
   */
  private static void writePrimitive(CodeBlock.Builder b, Component c, CodeBlock write) {
    b.beginControlFlow("if ($NDirect)", c.name());
    b.addStatement(
        "$T.$N(out, value.$N())", PRIMITIVE_WRITERS, Names.primitiveWrite(c.javaType()), c.name());
    b.nextControlFlow("else");
    b.addStatement(write);
    b.endControlFlow();
  }
}
