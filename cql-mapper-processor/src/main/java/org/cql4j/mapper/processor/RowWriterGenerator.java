package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.COLUMN_SPEC;
import static org.cql4j.mapper.processor.Names.PRIMITIVE_WRITERS;
import static org.cql4j.mapper.processor.Names.ROW_WRITER_FN;
import static org.cql4j.mapper.processor.Names.SUPPORT;
import static org.cql4j.mapper.processor.Names.VALUE_WRITER;
import static org.cql4j.mapper.processor.Names.of;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates the {@code bindMarkers} method of a row codec: it binds each component to its bind
 * marker once per statement and returns a row writer. Stateless and thread-safe.
 *
 * <p>A primitive component still binds its boxed writer (so type errors are unchanged); if the
 * marker's type is the primitive's natural one ({@code bigint} for a {@code long}, ...), decided
 * once per statement, the row writer writes it through {@code GeneratedPrimitiveWriters}, without
 * boxing.
 */
final class RowWriterGenerator {
  private static final TypeName MARKERS = of(ClassName.get(List.class), COLUMN_SPEC);

  private RowWriterGenerator() {}

  /** {@code private static RowSerializer.Writer<User> bindMarkers(List<ColumnSpec> markers)}. */
  static MethodSpec bindMarkers(RecordModel m, List<RowColumn> columns) {
    CodeBlock body =
        m.flavor() == Flavor.MATCH_BY_NAME
            ? byName(m, columns)
            : inOrder(m.skipNameChecks(), columns);
    return MethodSpec.methodBuilder("bindMarkers")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(of(ROW_WRITER_FN, m.record()))
        .addParameter(MARKERS, "markers")
        .addCode(body)
        .build();
  }

  /**
   * Flavor MATCH_BY_NAME: one writer per marker, in marker order (a name may be bound more than
   * once, each time with its marker's type).
   */
  private static CodeBlock byName(RecordModel m, List<RowColumn> columns) {
    CodeBlock.Builder b = CodeBlock.builder();
    TypeName writers = of(ClassName.get(List.class), of(ROW_WRITER_FN, m.record()));
    b.addStatement("$T writers = new $T<>(markers.size())", writers, ArrayList.class);
    b.addStatement("boolean[] bound = new boolean[$L]", columns.size());
    b.beginControlFlow("for ($T marker : markers)", COLUMN_SPEC);
    b.beginControlFlow("switch (marker.name())");
    for (int i = 0; i < columns.size(); i++) {
      RowColumn c = columns.get(i);
      b.beginControlFlow("case $S ->", c.name());
      b.addStatement(
          "$T writer = $T.bindMarker($L, marker)",
          of(VALUE_WRITER, c.boxed()),
          SUPPORT,
          Names.serializer(c.component().type()));
      if (c.component().isPrimitive()) {
        // Decided once per statement: a primitive of its natural CQL type is written unboxed.
        b.beginControlFlow(
            "if ($T.writesDirectly(marker.type(), $T.class))",
            PRIMITIVE_WRITERS,
            c.component().javaType());
        addDirectWriter(b, c);
        b.nextControlFlow("else");
        b.addStatement("writers.add((row, out) -> out.write(marker, writer, $L))", access(c));
        b.endControlFlow();
      } else {
        b.addStatement("writers.add((row, out) -> out.write(marker, writer, $L))", access(c));
      }
      b.addStatement("bound[$L] = true", i);
      b.endControlFlow();
    }
    b.addStatement("default -> throw $T.unmappedMarker(marker, JAVA_TYPE)", SUPPORT);
    b.endControlFlow();
    b.endControlFlow();
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).allowMissing()) {
        b.addStatement(
            "$T.requireMarker(bound[$L], $S, markers, JAVA_TYPE)",
            SUPPORT,
            i,
            columns.get(i).name());
      }
    }
    b.addStatement("$T all = $T.copyOf(writers)", writers, List.class);
    b.add("return (row, out) -> {\n$>");
    b.beginControlFlow("for (int i = 0; i < all.size(); i++)");
    b.addStatement("all.get(i).write(row, out)");
    b.endControlFlow();
    b.add("$<};\n");
    return b.build();
  }

  /** Flavor ENFORCE_ORDER: marker {@code i} is component {@code i}, checked by name unless told. */
  private static CodeBlock inOrder(boolean skipNameChecks, List<RowColumn> columns) {
    CodeBlock.Builder b = CodeBlock.builder();
    b.addStatement(
        "$T.checkMarkerCount(markers, $L, $L, $S, JAVA_TYPE)",
        SUPPORT,
        RowColumn.required(columns),
        columns.size(),
        RowColumn.names(columns));
    for (int i = 0; i < columns.size(); i++) {
      RowColumn c = columns.get(i);
      CodeBlock marker =
          skipNameChecks
              ? CodeBlock.of("markers.get($L)", i)
              : CodeBlock.of("$T.markerAt(markers, $L, $S, JAVA_TYPE)", SUPPORT, i, c.name());
      if (c.allowMissing()) {
        b.addStatement(
            "$T $NMarker = markers.size() > $L ? $L : null", COLUMN_SPEC, c.var(), i, marker);
      } else {
        b.addStatement("$T $NMarker = $L", COLUMN_SPEC, c.var(), marker);
      }
    }
    for (RowColumn c : columns) {
      CodeBlock bind =
          CodeBlock.of(
              "$T.bindMarker($L, $NMarker)",
              SUPPORT,
              Names.serializer(c.component().type()),
              c.var());
      TypeName writer = of(VALUE_WRITER, c.boxed());
      if (c.allowMissing()) {
        b.addStatement(
            "$T $NWriter = $NMarker == null ? null : $L", writer, c.var(), c.var(), bind);
      } else {
        b.addStatement("$T $NWriter = $L", writer, c.var(), bind);
      }
      if (c.component().isPrimitive()) {
        CodeBlock direct =
            CodeBlock.of(
                "$T.writesDirectly($NMarker.type(), $T.class)",
                PRIMITIVE_WRITERS,
                c.var(),
                c.component().javaType());
        b.addStatement(
            "boolean $NDirect = $L$L",
            c.var(),
            c.allowMissing() ? CodeBlock.of("$NMarker != null && ", c.var()) : "",
            direct);
      }
    }
    b.add("return (row, out) -> {\n$>");
    for (RowColumn c : columns) {
      if (c.allowMissing()) {
        b.beginControlFlow("if ($NMarker != null)", c.var());
        writeInOrder(b, c);
        b.endControlFlow();
      } else {
        writeInOrder(b, c);
      }
    }
    b.add("$<};\n");
    return b.build();
  }

  /**
   * {@code writers.add((row, out) -> GeneratedPrimitiveWriters.writeLong(out, row.version()))}; a
   * flattened column of a null row is null, as the boxed writer would write it.
   */
  private static void addDirectWriter(CodeBlock.Builder b, RowColumn c) {
    String guard = guard(c);
    if (guard == null) {
      b.addStatement(
          "writers.add((row, out) -> $T.$N(out, $L))",
          PRIMITIVE_WRITERS,
          Names.primitiveWrite(c.component().javaType()),
          chain(c));
      return;
    }
    b.add("writers.add(\n$>(row, out) -> {\n$>");
    b.beginControlFlow("if ($L)", guard);
    b.addStatement("out.writeNull()");
    b.nextControlFlow("else");
    b.addStatement(
        "$T.$N(out, $L)",
        PRIMITIVE_WRITERS,
        Names.primitiveWrite(c.component().javaType()),
        chain(c));
    b.endControlFlow();
    b.add("$<});\n$<");
  }

  /**
   * Writes column {@code c} in the row writer of flavor ENFORCE_ORDER: a primitive through {@code
   * GeneratedPrimitiveWriters} if {@code <var>Direct} (its marker's type is the natural one), else
   * with the bound writer; a flattened column of a null row is null, as the bound writer writes it.
   */
  private static void writeInOrder(CodeBlock.Builder b, RowColumn c) {
    String v = c.var();
    if (!c.component().isPrimitive()) {
      b.addStatement("out.write($NMarker, $NWriter, $L)", v, v, access(c));
      return;
    }
    String guard = guard(c);
    if (guard != null) {
      b.beginControlFlow("if ($L)", guard);
      b.addStatement("out.writeNull()");
      b.nextControlFlow("else if ($NDirect)", v);
    } else {
      b.beginControlFlow("if ($NDirect)", v);
    }
    b.addStatement(
        "$T.$N(out, $L)",
        PRIMITIVE_WRITERS,
        Names.primitiveWrite(c.component().javaType()),
        chain(c));
    b.nextControlFlow("else");
    b.addStatement("out.write($NMarker, $NWriter, $L)", v, v, chain(c));
    b.endControlFlow();
  }

  /** {@code row.id()}, or for a flattened column {@code row.audit() == null ? null : ...}. */
  private static CodeBlock access(RowColumn c) {
    String guard = guard(c);
    return guard == null
        ? CodeBlock.of("$L", chain(c))
        : CodeBlock.of("$L ? null : $L", guard, chain(c));
  }

  /** {@code row.audit().createdAt()}: the accessor chain, unguarded. */
  private static String chain(RowColumn c) {
    StringBuilder chain = new StringBuilder("row");
    for (Component p : c.path()) {
      chain.append('.').append(p.name()).append("()");
    }
    return chain.toString();
  }

  /** {@code row.audit() == null} for a flattened column (a null row at any level), else null. */
  private static String guard(RowColumn c) {
    StringBuilder chain = new StringBuilder("row");
    List<String> guards = new ArrayList<>();
    for (int i = 0; i < c.path().size() - 1; i++) {
      chain.append('.').append(c.path().get(i).name()).append("()");
      guards.add(chain + " == null");
    }
    return guards.isEmpty() ? null : String.join(" || ", guards);
  }
}
