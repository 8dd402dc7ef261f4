package org.cql4j.mapper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The compile errors of enums, {@code @Transparent} records and {@code @CqlCodec}: one test per
 * diagnostic, with the id, the file and the line of the offending element.
 */
class ValueMappingDiagnosticsTest {
  private static final String IMPORTS =
      "import org.cql4j.mapper.*; import java.util.*; import org.cql4j.protocol.value.*;"
          + " import org.cql4j.protocol.serialize.*; import org.cql4j.protocol.deserialize.*;";

  private static JavaFileObject source(String name, String... lines) {
    return Sources.inline(name, IMPORTS, lines);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return Sources.compile(List.of(sources));
  }

  @Test
  void twoConstantsStoredAsOneNameAreReportedOnTheComponent() {
    JavaFileObject color =
        source("Color", "enum Color {", "  RED,", "  @CqlName(\"RED\") CRIMSON", "}");
    JavaFileObject src = source("Paint", "@Row", "record Paint(int id,", "    Color color) {}");
    Compilation c = compile(color, src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.DuplicateEnumName] component 'color' of Paint has type Color, whose"
                + " constants RED and CRIMSON are both stored as 'RED'")
        .inFile(src)
        .onLineContaining("Color color");
  }

  @Test
  void anEmptyCqlNameOnAConstantIsInvalid() {
    JavaFileObject color = source("Shade", "enum Shade {", "  @CqlName(\"\") DARK", "}");
    JavaFileObject src = source("Wall", "@UserType", "record Wall(List<Shade> shades) {}");
    Compilation c = compile(color, src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.InvalidName] component 'shades' of Wall has type Shade")
        .inFile(src)
        .onLineContaining("List<Shade> shades");
  }

  @Test
  void aTransparentRecordNeedsExactlyOneComponent() {
    JavaFileObject src =
        source("Name", "@Transparent", "record Name(String first, String last) {}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.TransparentArity] Name has 2 components, but a @Transparent record maps"
                + " as its one component")
        .inFile(src)
        .onLineContaining("record Name");
  }

  @Test
  void annotationsOfColumnsAreMisplacedOnTheTransparentComponent() {
    JavaFileObject src =
        source("Code", "@Transparent", "record Code(", "    @CqlName(\"c\") String value) {}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.MisplacedAnnotation] component 'value' of Code is annotated @CqlName, but"
                + " the one component of a @Transparent record is the value itself")
        .inFile(src)
        .onLineContaining("String value");
  }

  @Test
  void aCodecThatIsNotAValueCodecOfTheComponentTypeIsInvalid() {
    JavaFileObject codec =
        source(
            "TextCodec",
            "public final class TextCodec implements ValueCodec<String> {",
            "  public DeserializeValue<String> deserializer() {",
            "    return Codecs.deserializer(String.class); }",
            "  public SerializeValue<String> serializer() {",
            "    return Codecs.serializer(String.class); }",
            "}");
    JavaFileObject src =
        source(
            "Price",
            "@Row",
            "record Price(int id,",
            "    @CqlCodec(TextCodec.class) UUID amount) {}");
    assertThat(compile(codec, src))
        .hadErrorContaining(
            "[CqlMapper.InvalidCodec] component 'amount' of Price names TextCodec in @CqlCodec,"
                + " which is not a ValueCodec<UUID>")
        .inFile(src)
        .onLineContaining("UUID amount");
  }

  @Test
  void aCodecWithoutAPublicNoArgumentConstructorIsInvalid() {
    JavaFileObject codec =
        source(
            "Hidden",
            "public final class Hidden implements ValueCodec<String> {",
            "  private Hidden() {}",
            "  public DeserializeValue<String> deserializer() {",
            "    return Codecs.deserializer(String.class); }",
            "  public SerializeValue<String> serializer() {",
            "    return Codecs.serializer(String.class); }",
            "}");
    JavaFileObject src =
        source("Tag", "@UserType", "record Tag(", "    @CqlCodec(Hidden.class) String label) {}");
    assertThat(compile(codec, src))
        .hadErrorContaining("[CqlMapper.InvalidCodec] component 'label' of Tag names Hidden")
        .inFile(src)
        .onLineContaining("String label");
  }

  @Test
  void aCodecOnAPrimitiveIsInvalid() {
    JavaFileObject src =
        source("Count", "@Row", "record Count(", "    @CqlCodec(Object.class) int n) {}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.InvalidCodec] component 'n' of Count has a @CqlCodec, but its type int is"
                + " primitive")
        .inFile(src)
        .onLineContaining("int n");
  }

  @Test
  void aCodecOnASkippedComponentConflicts() {
    JavaFileObject src =
        source(
            "Note",
            "@Row",
            "record Note(int id,",
            "    @Skip @CqlCodec(Object.class) String text) {}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.ConflictingAnnotations] component 'text' of Note is @CqlCodec and @Skip")
        .inFile(src)
        .onLineContaining("String text");
  }
}
