package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.CELL_READERS;
import static org.cql4j.mapper.processor.Names.COLUMN_SPEC;
import static org.cql4j.mapper.processor.Names.ROW_DECODER;
import static org.cql4j.mapper.processor.Names.SUPPORT;
import static org.cql4j.mapper.processor.Names.VALUE_DECODER;
import static org.cql4j.mapper.processor.Names.of;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates the {@code bindColumns} method of a row codec: it finds each column's position once per
 * result metadata, binds a decoder to each, and returns a row decoder that reads positionally.
 * Stateless and thread-safe.
 */
final class RowDecoderGenerator {
  private static final TypeName COLUMNS = of(ClassName.get(List.class), COLUMN_SPEC);

  // the types GeneratedCellReaders reads without the shared (megamorphic) decoder call
  private static final Map<String, String> CELL_READER =
      Map.of("java.util.UUID", "uuid", "java.time.Instant", "instant", "java.lang.String", "text");

  private RowDecoderGenerator() {}

  /** {@code private static DeserializeRow.Decoder<User> bindColumns(List<ColumnSpec> columns)}. */
  static MethodSpec bindColumns(RecordModel m, List<RowColumn> columns) {
    CodeBlock.Builder b = CodeBlock.builder();
    if (m.flavor() == Flavor.MATCH_BY_NAME) {
      positionsByName(b, columns);
    } else {
      positionsInOrder(b, m, columns);
    }
    for (RowColumn c : columns) {
      TypeName decoder = of(VALUE_DECODER, c.boxed());
      CodeBlock bind =
          CodeBlock.of(
              "$T.bindColumn($L, columns, $NAt)",
              SUPPORT,
              Names.deserializer(c.component().type()),
              c.var());
      if (c.allowMissing()) {
        b.addStatement("$T $NDecoder = $NAt < 0 ? null : $L", decoder, c.var(), c.var(), bind);
      } else {
        b.addStatement("$T $NDecoder = $L", decoder, c.var(), bind);
      }
    }
    b.add("return row -> {\n$>");
    for (RowColumn c : columns) {
      decodeColumn(b, c);
    }
    b.addStatement("return $L", construct(m, ""));
    b.add("$<};\n");
    return MethodSpec.methodBuilder("bindColumns")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(of(ROW_DECODER, m.record()))
        .addParameter(COLUMNS, "columns")
        .addCode(b.build())
        .build();
  }

  /** Flavor MATCH_BY_NAME: {@code int idAt} from one pass over the column names. */
  private static void positionsByName(CodeBlock.Builder b, List<RowColumn> columns) {
    b.addStatement("int[] at = new int[$L]", columns.size());
    b.addStatement("$T.fill(at, -1)", Arrays.class);
    b.beginControlFlow("for (int i = 0; i < columns.size(); i++)");
    b.beginControlFlow("switch (columns.get(i).name())");
    for (int i = 0; i < columns.size(); i++) {
      b.addStatement("case $S -> at[$L] = i", columns.get(i).name(), i);
    }
    b.addStatement("default -> throw $T.unmappedColumn(columns.get(i), JAVA_TYPE)", SUPPORT);
    b.endControlFlow();
    b.endControlFlow();
    for (int i = 0; i < columns.size(); i++) {
      RowColumn c = columns.get(i);
      if (c.allowMissing()) {
        b.addStatement("int $NAt = at[$L]", c.var(), i);
      } else {
        b.addStatement(
            "int $NAt = $T.requireColumn(columns, at[$L], $S, JAVA_TYPE)",
            c.var(),
            SUPPORT,
            i,
            c.name());
      }
    }
  }

  /** Flavor ENFORCE_ORDER: column {@code i} is component {@code i}, checked by name unless told. */
  private static void positionsInOrder(
      CodeBlock.Builder b, RecordModel m, List<RowColumn> columns) {
    b.addStatement(
        "$T.checkColumnCount(columns, $L, $L, $S, JAVA_TYPE)",
        SUPPORT,
        RowColumn.required(columns),
        columns.size(),
        RowColumn.names(columns));
    for (int i = 0; i < columns.size(); i++) {
      RowColumn c = columns.get(i);
      CodeBlock at =
          m.skipNameChecks()
              ? CodeBlock.of("$L", i)
              : CodeBlock.of("$T.columnAt(columns, $L, $S, JAVA_TYPE)", SUPPORT, i, c.name());
      if (c.allowMissing()) {
        b.addStatement("int $NAt = columns.size() > $L ? $L : -1", c.var(), i, at);
      } else {
        b.addStatement("int $NAt = $L", c.var(), at);
      }
    }
  }

  /** {@code long versionValue = ...}: the cell, null or absent handled as the component says. */
  private static void decodeColumn(CodeBlock.Builder b, RowColumn c) {
    Component comp = c.component();
    String v = c.var();
    String reader =
        comp.type() instanceof Model.Builtin builtin
            ? CELL_READER.get(builtin.boxed().toString())
            : null;
    CodeBlock read =
        reader == null
            ? CodeBlock.of("row.decode($NAt, $NDecoder)", v, v)
            : CodeBlock.of("$T.$N(row, $NAt, $NDecoder)", CELL_READERS, reader, v, v);
    CodeBlock absent =
        comp.allowMissing()
            ? CodeBlock.of(
                "$NAt < 0 ? $L : ",
                v,
                comp.defaultWhenNull() ? "null" : Names.javaDefault(comp.javaType()))
            : CodeBlock.of("");
    if (!comp.isPrimitive()) {
      b.addStatement("$T $NValue = $L$L", comp.javaType(), v, absent, read);
    } else if (comp.defaultWhenNull()) {
      b.addStatement("$T $NCell = $L$L", c.boxed(), v, absent, read);
      b.addStatement(
          "$T $NValue = $NCell == null ? $L : $NCell",
          comp.javaType(),
          v,
          v,
          Names.javaDefault(comp.javaType()),
          v);
    } else {
      // intValue, longValue, ...: read without boxing; a null cell fails, naming the column.
      b.addStatement(
          "$T $NValue = $L$T.$NValue(row, $NAt, $NDecoder, JAVA_TYPE)",
          comp.javaType(),
          v,
          absent,
          SUPPORT,
          comp.javaType().toString(),
          v,
          v);
    }
  }

  /** {@code new User(idValue, new Audit(audit$atValue), null)}. */
  private static CodeBlock construct(RecordModel m, String prefix) {
    List<CodeBlock> args = new ArrayList<>();
    for (Component c : m.components()) {
      if (c.skip()) {
        args.add(Names.javaDefault(c.javaType()));
      } else if (c.flattened() != null) {
        args.add(construct(c.flattened(), prefix + c.name() + "$"));
      } else {
        args.add(CodeBlock.of("$NValue", prefix + c.name()));
      }
    }
    return CodeBlock.of("new $T($L)", m.record(), CodeBlock.join(args, ", "));
  }
}
