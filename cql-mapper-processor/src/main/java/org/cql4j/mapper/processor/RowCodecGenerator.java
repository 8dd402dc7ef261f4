package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.COLUMN_SPEC;
import static org.cql4j.mapper.processor.Names.DESERIALIZATION_EXCEPTION;
import static org.cql4j.mapper.processor.Names.DESERIALIZE_ROW;
import static org.cql4j.mapper.processor.Names.DESERIALIZE_VALUE;
import static org.cql4j.mapper.processor.Names.RAW_ROW;
import static org.cql4j.mapper.processor.Names.ROW_DECODER;
import static org.cql4j.mapper.processor.Names.ROW_SERIALIZER;
import static org.cql4j.mapper.processor.Names.ROW_WRITER_FN;
import static org.cql4j.mapper.processor.Names.SERIALIZATION_EXCEPTION;
import static org.cql4j.mapper.processor.Names.SERIALIZE_VALUE;
import static org.cql4j.mapper.processor.Names.TYPE_CHECK_EXCEPTION;
import static org.cql4j.mapper.processor.Names.VALUE_DECODER;
import static org.cql4j.mapper.processor.Names.VALUE_WRITER;
import static org.cql4j.mapper.processor.Names.of;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.processor.Model.Component;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates {@code <Name>_CqlRowCodec} for a {@code @Row} record: a row deserializer that binds
 * column positions once per result metadata, and a row serializer that binds components to bind
 * markers once per statement. Stateless and thread-safe.
 */
final class RowCodecGenerator {
  private static final TypeName COLUMNS = of(ClassName.get(List.class), COLUMN_SPEC);
  private static final TypeVariableName T = TypeVariableName.get("T");

  /**
   * One mapped column: a component, or a component of a flattened row.
   *
   * @param var the base name of its locals ({@code audit$createdAt} when flattened)
   * @param path the components leading to it, the last one being the column's component
   */
  private record Column(String var, List<Component> path) {
    Component component() {
      return path.get(path.size() - 1);
    }

    String name() {
      return component().cqlName();
    }

    TypeName boxed() {
      return component().type().boxed();
    }
  }

  TypeSpec generate(RecordModel m) {
    List<Column> columns = new ArrayList<>();
    collect(m, "", List.of(), columns);
    return Skeleton.codecClass(
            m, DESERIALIZE_ROW, "bindColumns", ROW_SERIALIZER, "bindMarkers", "row")
        .addMethod(bindColumns(m, columns))
        .addMethod(bindMarkers(m, columns))
        .addMethods(helpers(m))
        .build();
  }

  private static void collect(
      RecordModel m, String prefix, List<Component> path, List<Column> out) {
    for (Component c : m.components()) {
      if (c.skip()) {
        continue;
      }
      List<Component> p = new ArrayList<>(path);
      p.add(c);
      if (c.flattened() != null) {
        collect(c.flattened(), prefix + c.name() + "$", p, out);
      } else {
        out.add(new Column(prefix + c.name(), List.copyOf(p)));
      }
    }
  }

  /** Index of the first column after which every column is {@code @AllowMissing}. */
  private static int required(List<Column> columns) {
    int min = 0;
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).component().allowMissing()) {
        min = i + 1;
      }
    }
    return min;
  }

  private static String list(List<Column> columns) {
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(c.name()));
    return String.join(", ", names);
  }

  // ---- reading ----

  private MethodSpec bindColumns(RecordModel m, List<Column> columns) {
    CodeBlock.Builder b = CodeBlock.builder();
    if (m.flavor() == Flavor.MATCH_BY_NAME) {
      b.addStatement("int[] at = new int[$L]", columns.size());
      b.addStatement("$T.fill(at, -1)", java.util.Arrays.class);
      b.beginControlFlow("for (int i = 0; i < columns.size(); i++)");
      b.beginControlFlow("switch (columns.get(i).name())");
      for (int i = 0; i < columns.size(); i++) {
        b.addStatement("case $S -> at[$L] = i", columns.get(i).name(), i);
      }
      b.addStatement("default -> throw unmappedColumn(columns.get(i))");
      b.endControlFlow();
      b.endControlFlow();
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        if (c.component().allowMissing()) {
          b.addStatement("int $NAt = at[$L]", c.var(), i);
        } else {
          b.addStatement("int $NAt = requireColumn(columns, at[$L], $S)", c.var(), i, c.name());
        }
      }
    } else {
      b.addStatement(
          "checkColumnCount(columns, $L, $L, $S)",
          required(columns),
          columns.size(),
          list(columns));
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        CodeBlock at =
            m.skipNameChecks()
                ? CodeBlock.of("$L", i)
                : CodeBlock.of("columnAt(columns, $L, $S)", i, c.name());
        if (c.component().allowMissing()) {
          b.addStatement("int $NAt = columns.size() > $L ? $L : -1", c.var(), i, at);
        } else {
          b.addStatement("int $NAt = $L", c.var(), at);
        }
      }
    }
    for (Column c : columns) {
      TypeName decoder = of(VALUE_DECODER, c.boxed());
      CodeBlock bind =
          CodeBlock.of(
              "bindColumn($L, columns, $NAt)", Names.deserializer(c.component().type()), c.var());
      if (c.component().allowMissing()) {
        b.addStatement("$T $NDecoder = $NAt < 0 ? null : $L", decoder, c.var(), c.var(), bind);
      } else {
        b.addStatement("$T $NDecoder = $L", decoder, c.var(), bind);
      }
    }
    b.add("return row -> {\n$>");
    for (Column c : columns) {
      decodeColumn(b, c);
    }
    b.addStatement("return $L", construct(m, "", columns));
    b.add("$<};\n");
    return MethodSpec.methodBuilder("bindColumns")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(of(ROW_DECODER, m.record()))
        .addParameter(COLUMNS, "columns")
        .addCode(b.build())
        .build();
  }

  private static void decodeColumn(CodeBlock.Builder b, Column c) {
    Component comp = c.component();
    String v = c.var();
    CodeBlock read = CodeBlock.of("row.decode($NAt, $NDecoder)", v, v);
    String absentGuard = comp.allowMissing() ? v + "At < 0 ? " : "";
    if (!comp.isPrimitive()) {
      CodeBlock absent =
          comp.allowMissing()
              ? CodeBlock.of("$L : ", Names.javaDefault(comp.javaType()))
              : CodeBlock.of("");
      b.addStatement("$T $NValue = $L$L$L", comp.javaType(), v, absentGuard, absent, read);
    } else if (comp.defaultWhenNull()) {
      b.addStatement(
          "$T $NCell = $L$L$L",
          c.boxed(),
          v,
          absentGuard,
          comp.allowMissing() ? "null : " : "",
          read);
      b.addStatement(
          "$T $NValue = $NCell == null ? $L : $NCell",
          comp.javaType(),
          v,
          v,
          Names.javaDefault(comp.javaType()),
          v);
    } else {
      b.addStatement(
          "$T $NValue = $L$LnonNull(row, $NAt, $NDecoder, $S)",
          comp.javaType(),
          v,
          absentGuard,
          comp.allowMissing() ? Names.javaDefault(comp.javaType()) + " : " : "",
          v,
          v,
          comp.javaType().toString());
    }
  }

  /** {@code new User(idValue, new Audit(audit$atValue), null)}. */
  private static CodeBlock construct(RecordModel m, String prefix, List<Column> columns) {
    List<CodeBlock> args = new ArrayList<>();
    for (Component c : m.components()) {
      if (c.skip()) {
        args.add(Names.javaDefault(c.javaType()));
      } else if (c.flattened() != null) {
        args.add(construct(c.flattened(), prefix + c.name() + "$", columns));
      } else {
        args.add(CodeBlock.of("$NValue", prefix + c.name()));
      }
    }
    return CodeBlock.of("new $T($L)", m.record(), CodeBlock.join(args, ", "));
  }

  // ---- writing ----

  private MethodSpec bindMarkers(RecordModel m, List<Column> columns) {
    CodeBlock.Builder b = CodeBlock.builder();
    TypeName rowWriter = of(ROW_WRITER_FN, m.record());
    if (m.flavor() == Flavor.MATCH_BY_NAME) {
      b.addStatement(
          "$T writers = new $T<>(markers.size())",
          of(ClassName.get(List.class), rowWriter),
          ArrayList.class);
      b.addStatement("boolean[] bound = new boolean[$L]", columns.size());
      b.beginControlFlow("for ($T marker : markers)", COLUMN_SPEC);
      b.beginControlFlow("switch (marker.name())");
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        b.beginControlFlow("case $S ->", c.name());
        b.addStatement(
            "$T writer = bindMarker($L, marker)",
            of(VALUE_WRITER, c.boxed()),
            Names.serializer(c.component().type()));
        b.addStatement("writers.add((row, out) -> out.write(marker, writer, $L))", access(c));
        b.addStatement("bound[$L] = true", i);
        b.endControlFlow();
      }
      b.addStatement("default -> throw unmappedMarker(marker)");
      b.endControlFlow();
      b.endControlFlow();
      for (int i = 0; i < columns.size(); i++) {
        if (!columns.get(i).component().allowMissing()) {
          b.addStatement("requireMarker(bound[$L], $S, markers)", i, columns.get(i).name());
        }
      }
      b.addStatement(
          "$T all = $T.copyOf(writers)", of(ClassName.get(List.class), rowWriter), List.class);
      b.add("return (row, out) -> {\n$>");
      b.beginControlFlow("for (int i = 0; i < all.size(); i++)");
      b.addStatement("all.get(i).write(row, out)");
      b.endControlFlow();
      b.add("$<};\n");
    } else {
      b.addStatement(
          "checkMarkerCount(markers, $L, $L, $S)",
          required(columns),
          columns.size(),
          list(columns));
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        CodeBlock marker =
            m.skipNameChecks()
                ? CodeBlock.of("markers.get($L)", i)
                : CodeBlock.of("markerAt(markers, $L, $S)", i, c.name());
        if (c.component().allowMissing()) {
          b.addStatement(
              "$T $NMarker = markers.size() > $L ? $L : null", COLUMN_SPEC, c.var(), i, marker);
        } else {
          b.addStatement("$T $NMarker = $L", COLUMN_SPEC, c.var(), marker);
        }
      }
      for (Column c : columns) {
        CodeBlock bind =
            CodeBlock.of(
                "bindMarker($L, $NMarker)", Names.serializer(c.component().type()), c.var());
        TypeName writer = of(VALUE_WRITER, c.boxed());
        if (c.component().allowMissing()) {
          b.addStatement(
              "$T $NWriter = $NMarker == null ? null : $L", writer, c.var(), c.var(), bind);
        } else {
          b.addStatement("$T $NWriter = $L", writer, c.var(), bind);
        }
      }
      b.add("return (row, out) -> {\n$>");
      for (Column c : columns) {
        CodeBlock write =
            CodeBlock.of("out.write($NMarker, $NWriter, $L)", c.var(), c.var(), access(c));
        if (c.component().allowMissing()) {
          b.beginControlFlow("if ($NMarker != null)", c.var());
          b.addStatement(write);
          b.endControlFlow();
        } else {
          b.addStatement(write);
        }
      }
      b.add("$<};\n");
    }
    return MethodSpec.methodBuilder("bindMarkers")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(rowWriter)
        .addParameter(COLUMNS, "markers")
        .addCode(b.build())
        .build();
  }

  /** {@code row.id()}, or for a flattened column {@code row.audit() == null ? null : ...}. */
  private static CodeBlock access(Column c) {
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

  // ---- helpers emitted into every row codec ----

  private static List<MethodSpec> helpers(RecordModel m) {
    List<MethodSpec> helpers = new ArrayList<>();
    ParameterizedTypeName deserializer = ParameterizedTypeName.get(DESERIALIZE_VALUE, T);
    ParameterizedTypeName decoder = ParameterizedTypeName.get(VALUE_DECODER, T);
    helpers.add(
        MethodSpec.methodBuilder("bindColumn")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(decoder)
            .addParameter(deserializer, "deserializer")
            .addParameter(COLUMNS, "columns")
            .addParameter(int.class, "index")
            .beginControlFlow("try")
            .addStatement("return deserializer.bind(columns.get(index).type())")
            .nextControlFlow("catch ($T e)", TYPE_CHECK_EXCEPTION)
            .addStatement("throw e.inColumn(columns.get(index).name())")
            .endControlFlow()
            .build());
    helpers.add(
        MethodSpec.methodBuilder("nonNull")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(T)
            .addParameter(RAW_ROW, "row")
            .addParameter(int.class, "index")
            .addParameter(decoder, "decoder")
            .addParameter(String.class, "javaType")
            .addStatement("T value = row.decode(index, decoder)")
            .beginControlFlow("if (value == null)")
            .addStatement("$T column = row.columns().get(index)", COLUMN_SPEC)
            .addStatement(
                "throw new $T(column.name(), column.type(), javaType, row.offset(index), $S)",
                DESERIALIZATION_EXCEPTION,
                "null cannot be read into a primitive component of "
                    + m.record().simpleName()
                    + "; use a boxed type or Optional, or annotate the component @DefaultWhenNull")
            .endControlFlow()
            .addStatement("return value")
            .build());
    helpers.add(
        MethodSpec.methodBuilder("bindMarker")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(ParameterizedTypeName.get(VALUE_WRITER, T))
            .addParameter(ParameterizedTypeName.get(SERIALIZE_VALUE, T), "serializer")
            .addParameter(COLUMN_SPEC, "marker")
            .beginControlFlow("try")
            .addStatement("return serializer.bind(marker.type())")
            .nextControlFlow("catch ($T e)", SERIALIZATION_EXCEPTION)
            .addStatement("throw e.atMarker(marker.name(), marker.type())")
            .endControlFlow()
            .build());
    helpers.add(
        MethodSpec.methodBuilder("names")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(String.class)
            .addParameter(COLUMNS, "specs")
            .addStatement(
                "$T names = new $T<>(specs.size())",
                of(ClassName.get(List.class), ClassName.get(String.class)),
                ArrayList.class)
            .addStatement("specs.forEach(spec -> names.add(spec.name()))")
            .addStatement("return $T.join($S, names)", String.class, ", ")
            .build());
    String simple = m.record().simpleName();
    if (m.flavor() == Flavor.MATCH_BY_NAME) {
      helpers.add(
          MethodSpec.methodBuilder("unmappedColumn")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(TYPE_CHECK_EXCEPTION)
              .addParameter(COLUMN_SPEC, "column")
              .addStatement(
                  "return new $T(column.name(), column.type(), JAVA_TYPE, $S)",
                  TYPE_CHECK_EXCEPTION,
                  "no component of "
                      + simple
                      + " maps to this column; select only mapped"
                      + " columns, or add a component (@CqlName maps another name)")
              .build());
      helpers.add(
          MethodSpec.methodBuilder("requireColumn")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(int.class)
              .addParameter(COLUMNS, "columns")
              .addParameter(int.class, "index")
              .addParameter(String.class, "name")
              .beginControlFlow("if (index < 0)")
              .addStatement(
                  "throw new $T(name, null, JAVA_TYPE, $S + name + $S + names(columns) + $S)",
                  TYPE_CHECK_EXCEPTION,
                  "the result has no column '",
                  "' (columns: ",
                  "); select it, or annotate its component @AllowMissing or @Skip")
              .endControlFlow()
              .addStatement("return index")
              .build());
      helpers.add(
          MethodSpec.methodBuilder("unmappedMarker")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(SERIALIZATION_EXCEPTION)
              .addParameter(COLUMN_SPEC, "marker")
              .addStatement(
                  "return new $T(marker.name(), marker.type(), JAVA_TYPE, $S)",
                  SERIALIZATION_EXCEPTION,
                  "no component of "
                      + simple
                      + " maps to this bind marker; add one (@CqlName"
                      + " maps another name) or bind the statement with other values")
              .build());
      helpers.add(
          MethodSpec.methodBuilder("requireMarker")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(boolean.class, "bound")
              .addParameter(String.class, "name")
              .addParameter(COLUMNS, "markers")
              .beginControlFlow("if (!bound)")
              .addStatement(
                  "throw new $T(name, null, JAVA_TYPE, $S + name + $S + names(markers) + $S)",
                  SERIALIZATION_EXCEPTION,
                  "the statement has no bind marker '",
                  "' (markers: ",
                  "); add it, or annotate its component @AllowMissing or @Skip")
              .endControlFlow()
              .build());
    } else {
      helpers.add(
          countCheck(
              "checkColumnCount",
              "columns",
              TYPE_CHECK_EXCEPTION,
              "the result has ",
              " columns (",
              simple));
      helpers.add(
          countCheck(
              "checkMarkerCount",
              "markers",
              SERIALIZATION_EXCEPTION,
              "the statement has ",
              " bind markers (",
              simple));
      if (!m.skipNameChecks()) {
        helpers.add(
            MethodSpec.methodBuilder("columnAt")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(int.class)
                .addParameter(COLUMNS, "columns")
                .addParameter(int.class, "index")
                .addParameter(String.class, "name")
                .addStatement("$T column = columns.get(index)", COLUMN_SPEC)
                .beginControlFlow("if (!column.name().equals(name))")
                .addStatement(
                    "throw new $T(column.name(), column.type(), JAVA_TYPE, $S + index + $S + name"
                        + " + $S)",
                    TYPE_CHECK_EXCEPTION,
                    "column ",
                    " should be '",
                    "' (flavor ENFORCE_ORDER); reorder the SELECT, rename the component with"
                        + " @CqlName, or set skipNameChecks")
                .endControlFlow()
                .addStatement("return index")
                .build());
        helpers.add(
            MethodSpec.methodBuilder("markerAt")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(COLUMN_SPEC)
                .addParameter(COLUMNS, "markers")
                .addParameter(int.class, "index")
                .addParameter(String.class, "name")
                .addStatement("$T marker = markers.get(index)", COLUMN_SPEC)
                .beginControlFlow("if (!marker.name().equals(name))")
                .addStatement(
                    "throw new $T(marker.name(), marker.type(), JAVA_TYPE, $S + index + $S + name"
                        + " + $S)",
                    SERIALIZATION_EXCEPTION,
                    "bind marker ",
                    " should be '",
                    "' (flavor ENFORCE_ORDER); reorder the statement, rename the component with"
                        + " @CqlName, or set skipNameChecks")
                .endControlFlow()
                .addStatement("return marker")
                .build());
      }
    }
    return helpers;
  }

  private static MethodSpec countCheck(
      String method, String param, ClassName exception, String has, String kind, String simple) {
    return MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(COLUMNS, param)
        .addParameter(int.class, "min")
        .addParameter(int.class, "max")
        .addParameter(String.class, "expected")
        .beginControlFlow("if ($N.size() < min || $N.size() > max)", param, param)
        .addStatement(
            "throw new $T(null, null, JAVA_TYPE, $S + expected + $S + $N.size() + $S + names($N)"
                + " + $S)",
            exception,
            simple + " maps, in order (flavor ENFORCE_ORDER): ",
            "; " + has,
            param,
            kind,
            param,
            ")")
        .endControlFlow()
        .build();
  }
}
