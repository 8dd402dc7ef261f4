package org.cql4j.mapper.processor;

import static org.cql4j.mapper.processor.Names.BYTE_BUF;
import static org.cql4j.mapper.processor.Names.COLUMN_TYPE;
import static org.cql4j.mapper.processor.Names.DESERIALIZATION_EXCEPTION;
import static org.cql4j.mapper.processor.Names.DESERIALIZE_VALUE;
import static org.cql4j.mapper.processor.Names.SERIALIZATION_EXCEPTION;
import static org.cql4j.mapper.processor.Names.SERIALIZE_VALUE;
import static org.cql4j.mapper.processor.Names.TUPLE_TYPE;
import static org.cql4j.mapper.processor.Names.TYPE_CHECK_EXCEPTION;
import static org.cql4j.mapper.processor.Names.USER_TYPE;
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
import org.cql4j.mapper.processor.Model.Kind;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates {@code <Name>_CqlUdtCodec} for a {@code @UserType} record and {@code
 * <Name>_CqlTupleCodec} for a {@code @CqlTuple} record: a value deserializer that resolves fields
 * once per CQL type and then reads a value's fields in one pass, and a value serializer. Both
 * encodings are a sequence of [bytes], one per field or element (native_protocol_v4.spec §6.20,
 * §6.21). Stateless and thread-safe.
 */
final class StructCodecGenerator {
  private static final TypeVariableName T = TypeVariableName.get("T");
  private static final ClassName FIELD = USER_TYPE.nestedClass("Field");

  TypeSpec generate(RecordModel m) {
    List<Component> mapped = new ArrayList<>();
    for (Component c : m.components()) {
      if (!c.skip()) {
        mapped.add(c);
      }
    }
    boolean udt = m.kind() == Kind.UDT;
    return Skeleton.codecClass(
            m,
            DESERIALIZE_VALUE,
            "bindDecoder",
            SERIALIZE_VALUE,
            "bindWriter",
            udt ? "user type" : "tuple")
        .addMethod(bindDecoder(m, mapped))
        .addMethod(udt ? bindUdtWriter(m, mapped) : bindTupleWriter(m, mapped))
        .addMethods(helpers(m))
        .build();
  }

  // ---- reading ----

  private MethodSpec bindDecoder(RecordModel m, List<Component> mapped) {
    CodeBlock.Builder b = CodeBlock.builder();
    int n = mapped.size();
    String parts;
    if (m.kind() == Kind.UDT) {
      b.beginControlFlow("if (!(type instanceof $T udt))", USER_TYPE);
      b.addStatement(
          "throw new $T(null, type, JAVA_TYPE, $S)",
          TYPE_CHECK_EXCEPTION,
          "a @UserType record maps to a user type");
      b.endControlFlow();
      b.addStatement("$T fields = udt.fields()", of(ClassName.get(List.class), FIELD));
      b.addStatement("int[] slots = new int[fields.size()]");
      if (m.flavor() == Flavor.MATCH_BY_NAME) {
        b.addStatement("int[] at = new int[$L]", n);
        b.addStatement("$T.fill(at, -1)", java.util.Arrays.class);
        b.beginControlFlow("for (int i = 0; i < fields.size(); i++)");
        b.beginControlFlow("switch (fields.get(i).name())");
        for (int k = 0; k < n; k++) {
          b.beginControlFlow("case $S ->", mapped.get(k).cqlName());
          b.addStatement("slots[i] = $L", k);
          b.addStatement("at[$L] = i", k);
          b.endControlFlow();
        }
        if (m.forbidExcessFields()) {
          b.addStatement("default -> throw excessField(udt, i)");
        } else {
          b.add("// a field that no component maps to is skipped\n");
          b.addStatement("default -> slots[i] = -1");
        }
        b.endControlFlow();
        b.endControlFlow();
        for (int k = 0; k < n; k++) {
          Component c = mapped.get(k);
          if (c.allowMissing()) {
            b.addStatement("int $NAt = at[$L]", c.name(), k);
          } else {
            b.addStatement("int $NAt = requireField(udt, at[$L], $S)", c.name(), k, c.cqlName());
          }
        }
      } else {
        if (m.forbidExcessFields()) {
          b.beginControlFlow("if (fields.size() > $L)", n);
          b.addStatement("throw excessField(udt, $L)", n);
          b.endControlFlow();
        }
        b.beginControlFlow("for (int i = 0; i < fields.size(); i++)");
        b.addStatement("slots[i] = i < $L ? i : -1", n);
        b.endControlFlow();
        for (int k = 0; k < n; k++) {
          Component c = mapped.get(k);
          CodeBlock at =
              CodeBlock.of("fieldAt(udt, $L, $S, $L)", k, c.cqlName(), !m.skipNameChecks());
          if (c.allowMissing()) {
            b.addStatement("int $NAt = fields.size() > $L ? $L : -1", c.name(), k, at);
          } else {
            b.addStatement("int $NAt = $L", c.name(), at);
          }
        }
      }
      parts = "slots.length";
    } else {
      b.beginControlFlow(
          "if (!(type instanceof $T tuple) || tuple.components().size() != $L)", TUPLE_TYPE, n);
      b.addStatement(
          "throw new $T(null, type, JAVA_TYPE, $S)",
          TYPE_CHECK_EXCEPTION,
          "a @CqlTuple record of " + n + " components maps to a tuple of " + n + " elements");
      b.endControlFlow();
      for (int k = 0; k < n; k++) {
        b.addStatement("int $NAt = $L", mapped.get(k).name(), k);
      }
      parts = String.valueOf(n);
    }
    String typeVar = m.kind() == Kind.UDT ? "udt" : "tuple";
    for (Component c : mapped) {
      CodeBlock bind =
          CodeBlock.of("bindField($L, $N, $NAt)", Names.deserializer(c.type()), typeVar, c.name());
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
    b.beginControlFlow("for (int i = 0; i < $L; i++)", parts);
    b.addStatement("$T field = null", BYTE_BUF);
    b.beginControlFlow("if (pos < end)");
    b.addStatement("int length = fieldLength(cell, pos, end, $N, i)", typeVar);
    b.addStatement("pos += 4");
    b.beginControlFlow("if (length >= 0)");
    b.addStatement("field = cell.setIndex(pos, pos + length)");
    b.addStatement("pos += length");
    b.endControlFlow();
    b.endControlFlow();
    b.beginControlFlow("switch ($L)", m.kind() == Kind.UDT ? "slots[i]" : "i");
    for (int k = 0; k < n; k++) {
      Component c = mapped.get(k);
      b.addStatement(
          "case $L -> $NValue = decodeField($NDecoder, field, $N, i)",
          k,
          c.name(),
          c.name(),
          typeVar);
    }
    b.add("default -> {\n}\n");
    b.endControlFlow();
    b.endControlFlow();
    b.addStatement("checkEnd(pos, end, $N)", typeVar);
    List<CodeBlock> args = new ArrayList<>();
    for (Component c : m.components()) {
      if (c.skip()) {
        args.add(Names.javaDefault(c.javaType()));
      } else if (!c.isPrimitive()) {
        args.add(CodeBlock.of("$NValue", c.name()));
      } else if (c.defaultWhenNull()) {
        args.add(
            CodeBlock.of(
                "$NValue == null ? $L : $NValue",
                c.name(),
                Names.javaDefault(c.javaType()),
                c.name()));
      } else {
        CodeBlock check =
            CodeBlock.of(
                "nonNullField($NValue, $N, $NAt, $S)",
                c.name(),
                typeVar,
                c.name(),
                c.javaType().toString());
        args.add(
            c.allowMissing()
                ? CodeBlock.of(
                    "$NAt < 0 ? $L : $L", c.name(), Names.javaDefault(c.javaType()), check)
                : check);
      }
    }
    b.addStatement("return new $T($L)", m.record(), CodeBlock.join(args, ", "));
    b.add("$<};\n");
    return MethodSpec.methodBuilder("bindDecoder")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(of(VALUE_DECODER, m.record()))
        .addParameter(COLUMN_TYPE, "type")
        .addCode(b.build())
        .build();
  }

  // ---- writing ----

  private MethodSpec bindUdtWriter(RecordModel m, List<Component> mapped) {
    CodeBlock.Builder b = CodeBlock.builder();
    TypeName part = of(VALUE_WRITER, m.record());
    TypeName partList = of(ClassName.get(List.class), part);
    int n = mapped.size();
    b.beginControlFlow("if (!(type instanceof $T udt))", USER_TYPE);
    b.addStatement(
        "throw new $T(null, type, JAVA_TYPE, $S)",
        SERIALIZATION_EXCEPTION,
        "a @UserType record maps to a user type");
    b.endControlFlow();
    b.addStatement("$T fields = udt.fields()", of(ClassName.get(List.class), FIELD));
    b.addStatement("$T parts = new $T<>(fields.size())", partList, ArrayList.class);
    if (m.flavor() == Flavor.MATCH_BY_NAME) {
      b.addStatement("boolean[] bound = new boolean[$L]", n);
      b.beginControlFlow("for (int i = 0; i < fields.size(); i++)");
      b.addStatement("int index = i");
      b.beginControlFlow("switch (fields.get(i).name())");
      for (int k = 0; k < n; k++) {
        Component c = mapped.get(k);
        b.beginControlFlow("case $S ->", c.cqlName());
        b.addStatement(
            "$T writer = bindFieldWriter($L, udt, i)",
            of(VALUE_WRITER, c.type().boxed()),
            Names.serializer(c.type()));
        b.addStatement(
            "parts.add((value, out) -> writeField(writer, value.$N(), out, udt, index))", c.name());
        b.addStatement("bound[$L] = true", k);
        b.endControlFlow();
      }
      if (m.forbidExcessFields()) {
        b.addStatement("default -> throw excessFieldForWriting(udt, i)");
      } else {
        b.add("// a field that no component maps to is written as null\n");
        b.addStatement("default -> parts.add(nullField())");
      }
      b.endControlFlow();
      b.endControlFlow();
      for (int k = 0; k < n; k++) {
        if (!mapped.get(k).allowMissing()) {
          b.addStatement("requireFieldForWriting(bound[$L], udt, $S)", k, mapped.get(k).cqlName());
        }
      }
    } else {
      for (int k = 0; k < n; k++) {
        Component c = mapped.get(k);
        if (c.allowMissing()) {
          b.beginControlFlow("if (fields.size() > $L)", k);
        }
        b.addStatement(
            "$T $NWriter = bindFieldWriter($L, udt, fieldForWriting(udt, $L, $S, $L))",
            of(VALUE_WRITER, c.type().boxed()),
            c.name(),
            Names.serializer(c.type()),
            k,
            c.cqlName(),
            !m.skipNameChecks());
        b.addStatement(
            "parts.add((value, out) -> writeField($NWriter, value.$N(), out, udt, $L))",
            c.name(),
            c.name(),
            k);
        if (c.allowMissing()) {
          b.endControlFlow();
        }
      }
      if (m.forbidExcessFields()) {
        b.beginControlFlow("if (fields.size() > $L)", n);
        b.addStatement("throw excessFieldForWriting(udt, $L)", n);
        b.endControlFlow();
      }
      b.add("// fields that no component maps to are written as null\n");
      b.beginControlFlow("for (int i = $L; i < fields.size(); i++)", n);
      b.addStatement("parts.add(nullField())");
      b.endControlFlow();
    }
    b.addStatement("$T all = $T.copyOf(parts)", partList, List.class);
    b.add("return (value, out) -> {\n$>");
    b.beginControlFlow("if (value == null)");
    b.addStatement("return $T.NULL", VALUE_WRITER);
    b.endControlFlow();
    b.beginControlFlow("for (int i = 0; i < all.size(); i++)");
    b.addStatement("all.get(i).write(value, out)");
    b.endControlFlow();
    b.addStatement("return $T.VALUE", VALUE_WRITER);
    b.add("$<};\n");
    return MethodSpec.methodBuilder("bindWriter")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(part)
        .addParameter(COLUMN_TYPE, "type")
        .addCode(b.build())
        .build();
  }

  private MethodSpec bindTupleWriter(RecordModel m, List<Component> mapped) {
    CodeBlock.Builder b = CodeBlock.builder();
    int n = mapped.size();
    b.beginControlFlow(
        "if (!(type instanceof $T tuple) || tuple.components().size() != $L)", TUPLE_TYPE, n);
    b.addStatement(
        "throw new $T(null, type, JAVA_TYPE, $S)",
        SERIALIZATION_EXCEPTION,
        "a @CqlTuple record of " + n + " components maps to a tuple of " + n + " elements");
    b.endControlFlow();
    for (int k = 0; k < n; k++) {
      Component c = mapped.get(k);
      b.addStatement(
          "$T $NWriter = bindFieldWriter($L, tuple, $L)",
          of(VALUE_WRITER, c.type().boxed()),
          c.name(),
          Names.serializer(c.type()),
          k);
    }
    b.add("return (value, out) -> {\n$>");
    b.beginControlFlow("if (value == null)");
    b.addStatement("return $T.NULL", VALUE_WRITER);
    b.endControlFlow();
    for (int k = 0; k < n; k++) {
      Component c = mapped.get(k);
      b.addStatement("writeField($NWriter, value.$N(), out, tuple, $L)", c.name(), c.name(), k);
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

  // ---- helpers emitted into every user type and tuple codec ----

  private static List<MethodSpec> helpers(RecordModel m) {
    boolean udt = m.kind() == Kind.UDT;
    List<MethodSpec> helpers = new ArrayList<>();
    ParameterizedTypeName decoder = ParameterizedTypeName.get(VALUE_DECODER, T);
    ParameterizedTypeName writer = ParameterizedTypeName.get(VALUE_WRITER, T);
    helpers.add(
        MethodSpec.methodBuilder("describe")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(String.class)
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .addStatement(
                "return type instanceof $T udt ? \"field '\" + udt.fields().get(index).name() +"
                    + " \"'\" : \"element \" + index",
                USER_TYPE)
            .build());
    helpers.add(
        MethodSpec.methodBuilder("fieldType")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(COLUMN_TYPE)
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .addStatement(
                "return type instanceof $T udt ? udt.fields().get(index).type() : (($T) type)"
                    + ".components().get(index)",
                USER_TYPE,
                TUPLE_TYPE)
            .build());
    helpers.add(
        MethodSpec.methodBuilder("bindField")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(decoder)
            .addParameter(ParameterizedTypeName.get(DESERIALIZE_VALUE, T), "deserializer")
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .beginControlFlow("try")
            .addStatement("return deserializer.bind(fieldType(type, index))")
            .nextControlFlow("catch ($T e)", TYPE_CHECK_EXCEPTION)
            .addStatement(
                "$T wrapped = new $T(null, type, JAVA_TYPE, describe(type, index) + \": \" +"
                    + " e.getMessage())",
                TYPE_CHECK_EXCEPTION,
                TYPE_CHECK_EXCEPTION)
            .addStatement("wrapped.initCause(e)")
            .addStatement("throw wrapped")
            .endControlFlow()
            .build());
    helpers.add(
        MethodSpec.methodBuilder("fieldLength")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(int.class)
            .addParameter(BYTE_BUF, "cell")
            .addParameter(int.class, "pos")
            .addParameter(int.class, "end")
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .addStatement("int length = end - pos < 4 ? -2 : cell.getInt(pos)")
            .beginControlFlow("if (length < -1 || length > end - pos - 4)")
            .addStatement(
                "throw new $T(null, type, JAVA_TYPE, pos, describe(type, index) + \": invalid"
                    + " length \" + length + \" with \" + (end - pos) + \" bytes left\")",
                DESERIALIZATION_EXCEPTION)
            .endControlFlow()
            .addStatement("return length")
            .build());
    helpers.add(
        MethodSpec.methodBuilder("decodeField")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(T)
            .addParameter(decoder, "decoder")
            .addParameter(BYTE_BUF, "field")
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .beginControlFlow("try")
            .addStatement("return decoder.decode(field)")
            .nextControlFlow("catch ($T e)", DESERIALIZATION_EXCEPTION)
            .addStatement(
                "$T wrapped = new $T(null, type, JAVA_TYPE, e.offset(), describe(type, index) +"
                    + " \": \" + e.getMessage())",
                DESERIALIZATION_EXCEPTION,
                DESERIALIZATION_EXCEPTION)
            .addStatement("wrapped.initCause(e)")
            .addStatement("throw wrapped")
            .endControlFlow()
            .build());
    helpers.add(
        MethodSpec.methodBuilder("checkEnd")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(int.class, "pos")
            .addParameter(int.class, "end")
            .addParameter(COLUMN_TYPE, "type")
            .beginControlFlow("if (pos != end)")
            .addStatement(
                "throw new $T(null, type, JAVA_TYPE, pos, (end - pos) + $S)",
                DESERIALIZATION_EXCEPTION,
                " bytes after the last " + (udt ? "field" : "element"))
            .endControlFlow()
            .build());
    helpers.add(
        MethodSpec.methodBuilder("nonNullField")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(T)
            .addParameter(T, "value")
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .addParameter(String.class, "javaType")
            .beginControlFlow("if (value == null)")
            .addStatement(
                "throw new $T(null, type, javaType, -1, describe(type, index) + $S)",
                DESERIALIZATION_EXCEPTION,
                " is null (or missing from the value), which a primitive component of "
                    + m.record().simpleName()
                    + " cannot hold; use a boxed type or Optional, or annotate the component"
                    + " @DefaultWhenNull")
            .endControlFlow()
            .addStatement("return value")
            .build());
    helpers.add(
        MethodSpec.methodBuilder("bindFieldWriter")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(writer)
            .addParameter(ParameterizedTypeName.get(SERIALIZE_VALUE, T), "serializer")
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .beginControlFlow("try")
            .addStatement("return serializer.bind(fieldType(type, index))")
            .nextControlFlow("catch ($T e)", SERIALIZATION_EXCEPTION)
            .addStatement(
                "$T wrapped = new $T(null, type, JAVA_TYPE, describe(type, index) + \": \" +"
                    + " e.getMessage())",
                SERIALIZATION_EXCEPTION,
                SERIALIZATION_EXCEPTION)
            .addStatement("wrapped.initCause(e)")
            .addStatement("throw wrapped")
            .endControlFlow()
            .build());
    helpers.add(
        MethodSpec.methodBuilder("writeField")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addTypeVariable(T)
            .returns(int.class)
            .addParameter(writer, "writer")
            .addParameter(T, "value")
            .addParameter(BYTE_BUF, "out")
            .addParameter(COLUMN_TYPE, "type")
            .addParameter(int.class, "index")
            .addStatement("int status")
            .beginControlFlow("try")
            .addStatement("status = $T.writeBytes(writer, value, out)", VALUE_WRITER)
            .nextControlFlow("catch ($T e)", SERIALIZATION_EXCEPTION)
            .addStatement(
                "$T wrapped = new $T(null, type, JAVA_TYPE, describe(type, index) + \": \" +"
                    + " e.getMessage())",
                SERIALIZATION_EXCEPTION,
                SERIALIZATION_EXCEPTION)
            .addStatement("wrapped.initCause(e)")
            .addStatement("throw wrapped")
            .endControlFlow()
            .beginControlFlow("if (status == $T.UNSET)", VALUE_WRITER)
            .addStatement(
                "throw new $T(null, type, JAVA_TYPE, describe(type, index) + $S)",
                SERIALIZATION_EXCEPTION,
                " cannot be unset")
            .endControlFlow()
            .addStatement("return status")
            .build());
    if (udt) {
      helpers.addAll(udtHelpers(m));
    }
    return helpers;
  }

  private static List<MethodSpec> udtHelpers(RecordModel m) {
    List<MethodSpec> helpers = new ArrayList<>();
    String simple = m.record().simpleName();
    TypeName part = of(VALUE_WRITER, m.record());
    helpers.add(
        MethodSpec.methodBuilder("nullField")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(part)
            .addJavadoc("Writes null for a field that no component maps to.\n")
            .addCode(
                CodeBlock.builder()
                    .add("return (value, out) -> {\n$>")
                    .addStatement("out.writeInt($T.NULL)", VALUE_WRITER)
                    .addStatement("return $T.NULL", VALUE_WRITER)
                    .add("$<};\n")
                    .build())
            .build());
    if (m.flavor() == Flavor.MATCH_BY_NAME) {
      helpers.add(
          MethodSpec.methodBuilder("requireField")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(int.class)
              .addParameter(USER_TYPE, "udt")
              .addParameter(int.class, "index")
              .addParameter(String.class, "name")
              .beginControlFlow("if (index < 0)")
              .addStatement(
                  "throw new $T(null, udt, JAVA_TYPE, $S + name + $S)",
                  TYPE_CHECK_EXCEPTION,
                  "the user type has no field '",
                  "'; add it (ALTER TYPE), or annotate its component of "
                      + simple
                      + " @AllowMissing")
              .endControlFlow()
              .addStatement("return index")
              .build());
      helpers.add(
          MethodSpec.methodBuilder("requireFieldForWriting")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(boolean.class, "bound")
              .addParameter(USER_TYPE, "udt")
              .addParameter(String.class, "name")
              .beginControlFlow("if (!bound)")
              .addStatement(
                  "throw new $T(null, udt, JAVA_TYPE, $S + name + $S)",
                  SERIALIZATION_EXCEPTION,
                  "the user type has no field '",
                  "'; add it (ALTER TYPE), or annotate its component of "
                      + simple
                      + " @AllowMissing")
              .endControlFlow()
              .build());
    } else {
      helpers.add(
          MethodSpec.methodBuilder("fieldAt")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(int.class)
              .addParameter(USER_TYPE, "udt")
              .addParameter(int.class, "index")
              .addParameter(String.class, "name")
              .addParameter(boolean.class, "checkName")
              .addStatement("String problem = fieldProblem(udt, index, name, checkName)")
              .beginControlFlow("if (problem != null)")
              .addStatement("throw new $T(null, udt, JAVA_TYPE, problem)", TYPE_CHECK_EXCEPTION)
              .endControlFlow()
              .addStatement("return index")
              .build());
      helpers.add(
          MethodSpec.methodBuilder("fieldForWriting")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(int.class)
              .addParameter(USER_TYPE, "udt")
              .addParameter(int.class, "index")
              .addParameter(String.class, "name")
              .addParameter(boolean.class, "checkName")
              .addStatement("String problem = fieldProblem(udt, index, name, checkName)")
              .beginControlFlow("if (problem != null)")
              .addStatement("throw new $T(null, udt, JAVA_TYPE, problem)", SERIALIZATION_EXCEPTION)
              .endControlFlow()
              .addStatement("return index")
              .build());
      helpers.add(
          MethodSpec.methodBuilder("fieldProblem")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(String.class)
              .addParameter(USER_TYPE, "udt")
              .addParameter(int.class, "index")
              .addParameter(String.class, "name")
              .addParameter(boolean.class, "checkName")
              .beginControlFlow("if (index >= udt.fields().size())")
              .addStatement(
                  "return $S + index + $S + name + $S",
                  "the user type has no field ",
                  " (for component '",
                  "', flavor ENFORCE_ORDER); add it (ALTER TYPE), or annotate the component"
                      + " @AllowMissing")
              .endControlFlow()
              .addStatement("String actual = udt.fields().get(index).name()")
              .beginControlFlow("if (checkName && !actual.equals(name))")
              .addStatement(
                  "return $S + index + $S + actual + $S + name + $S",
                  "field ",
                  " is '",
                  "', but the component there maps to '",
                  "' (flavor ENFORCE_ORDER); reorder the components, rename with @CqlName, or"
                      + " set skipNameChecks")
              .endControlFlow()
              .addStatement("return null")
              .build());
    }
    if (m.forbidExcessFields()) {
      helpers.add(
          MethodSpec.methodBuilder("excessField")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(TYPE_CHECK_EXCEPTION)
              .addParameter(USER_TYPE, "udt")
              .addParameter(int.class, "index")
              .addStatement(
                  "return new $T(null, udt, JAVA_TYPE, $S + udt.fields().get(index).name() + $S)",
                  TYPE_CHECK_EXCEPTION,
                  "field '",
                  "' maps to no component of " + simple + ", and forbidExcessUdtFields is set")
              .build());
      helpers.add(
          MethodSpec.methodBuilder("excessFieldForWriting")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(SERIALIZATION_EXCEPTION)
              .addParameter(USER_TYPE, "udt")
              .addParameter(int.class, "index")
              .addStatement(
                  "return new $T(null, udt, JAVA_TYPE, $S + udt.fields().get(index).name() + $S)",
                  SERIALIZATION_EXCEPTION,
                  "field '",
                  "' maps to no component of " + simple + ", and forbidExcessUdtFields is set")
              .build());
    }
    return helpers;
  }
}
