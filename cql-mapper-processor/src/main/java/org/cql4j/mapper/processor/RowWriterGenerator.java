package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.COLUMN_SPEC;
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
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates the {@code bindMarkers} method of a row codec: it binds each component to its bind
 * marker once per statement and returns a row writer. Stateless and thread-safe.
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
      b.addStatement("writers.add((row, out) -> out.write(marker, writer, $L))", access(c));
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
    }
    b.add("return (row, out) -> {\n$>");
    for (RowColumn c : columns) {
      CodeBlock write =
          CodeBlock.of("out.write($NMarker, $NWriter, $L)", c.var(), c.var(), access(c));
      if (c.allowMissing()) {
        b.beginControlFlow("if ($NMarker != null)", c.var());
        b.addStatement(write);
        b.endControlFlow();
      } else {
        b.addStatement(write);
      }
    }
    b.add("$<};\n");
    return b.build();
  }

  /** {@code row.id()}, or for a flattened column {@code row.audit() == null ? null : ...}. */
  private static CodeBlock access(RowColumn c) {
    StringBuilder chain = new StringBuilder("row");
    List<String> guards = new ArrayList<>();
    for (int i = 0; i < c.path().size(); i++) {
      chain.append('.').append(c.path().get(i).name()).append("()");
      if (i < c.path().size() - 1) {
        guards.add(chain + " == null");
      }
    }
    return guards.isEmpty()
        ? CodeBlock.of("$L", chain)
        : CodeBlock.of("$L ? null : $L", String.join(" || ", guards), chain);
  }
}
