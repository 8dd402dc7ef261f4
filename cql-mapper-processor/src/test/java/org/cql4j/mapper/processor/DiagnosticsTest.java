package org.cql4j.mapper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic id: the message id, the file and the line of the offending element. */
class DiagnosticsTest {
  private static final String IMPORTS = "import org.cql4j.mapper.*; import java.util.*;";

  private static JavaFileObject source(String name, String... lines) {
    return Sources.inline(name, IMPORTS, lines);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return Sources.compile(List.of(sources));
  }

  @Test
  void classAnnotatedRowIsNotARecord() {
    JavaFileObject src = source("Plain", "@Row", "class Plain { int a; }");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.NotARecord] Plain is a class")
        .inFile(src)
        .onLineContaining("class Plain");
  }

  @Test
  void genericRecordIsRejected() {
    JavaFileObject src = source("Box", "@UserType", "record Box<T>(String a) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.GenericRecord]")
        .inFile(src)
        .onLineContaining("record Box");
  }

  @Test
  void privateNestedRecordIsNotAccessible() {
    JavaFileObject src =
        source("Holder", "class Holder {", "  @Row private record Hidden(int a) {}", "}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.NotAccessible] Hidden is private")
        .inFile(src)
        .onLineContaining("record Hidden");
  }

  @Test
  void componentWithoutCqlMappingIsUnsupported() {
    JavaFileObject src = source("Bad", "@Row", "record Bad(int a,", "    Thread worker) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.UnsupportedType] component 'worker' of Bad has type Thread, which has no CQL mapping")
        .inFile(src)
        .onLineContaining("Thread worker");
  }

  @Test
  void unannotatedNestedRecordAndRawCollectionsAreUnsupported() {
    JavaFileObject src =
        source(
            "Nest",
            "record Plain(int a) {}",
            "@Row",
            "record Nest(Plain plain,",
            "    List raw,",
            "    List<Optional<String>> inner) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("annotate the record @UserType (user type), @CqlTuple (tuple) or")
        .inFile(src)
        .onLineContaining("Plain plain");
    assertThat(c)
        .hadErrorContaining("give its type arguments")
        .inFile(src)
        .onLineContaining("List raw");
    assertThat(c)
        .hadErrorContaining("Optional maps only as a component's own type")
        .inFile(src)
        .onLineContaining("inner");
  }

  @Test
  void twoComponentsMappedToOneColumnAreDuplicates() {
    JavaFileObject src =
        source("Dup", "@Row", "record Dup(int a,", "    @CqlName(\"a\") int b) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.DuplicateColumn] component 'b' of Dup maps to column 'a'")
        .inFile(src)
        .onLineContaining("int b");
  }

  @Test
  void flattenedColumnsCollidingWithOwnColumnsAreDuplicates() {
    JavaFileObject src =
        source(
            "Outer",
            "@Row record Audit(String by) {}",
            "@Row",
            "record Outer(String by,",
            "    @Flatten Audit audit) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.DuplicateColumn] component 'audit.by'")
        .inFile(src)
        .onLineContaining("Audit audit");
  }

  @Test
  void flattenOfANonRowIsRejected() {
    JavaFileObject src =
        source(
            "Flat",
            "@UserType record Addr(String street) {}",
            "@Row",
            "record Flat(int a,",
            "    @Flatten Addr addr) {}",
            "@UserType",
            "record Udt(int a,",
            "    @Flatten Addr nested) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.FlattenNotRow] component 'addr' of Flat is @Flatten, but its type Addr is not a @Row")
        .inFile(src)
        .onLineContaining("Addr addr");
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.FlattenNotRow] component 'nested' of Udt is @Flatten, but only a @Row")
        .inFile(src)
        .onLineContaining("Addr nested");
  }

  @Test
  void rowFlatteningItselfIsACycle() {
    JavaFileObject src = source("Loop", "@Row", "record Loop(int a,", "    @Flatten Loop self) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.FlattenCycle]")
        .inFile(src)
        .onLineContaining("Loop self");
  }

  @Test
  void rowsFlatteningEachOtherAreACycleReportedOnTheComponent() {
    JavaFileObject src =
        source(
            "Outer",
            "@Row",
            "record Outer(int a,",
            "    @Flatten Inner inner) {}",
            "@Row",
            "record Inner(int b,",
            "    @Flatten Outer outer) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.FlattenCycle]")
        .inFile(src)
        .onLineContaining("Inner inner");
    assertThat(c)
        .hadErrorContaining("[CqlMapper.FlattenCycle]")
        .inFile(src)
        .onLineContaining("Outer outer");
  }

  @Test
  void contradictoryAnnotationsConflict() {
    JavaFileObject src =
        source(
            "Both",
            "@Row @UserType",
            "record Both(int a) {}",
            "@Row",
            "record Skipped(int a,",
            "    @Skip @CqlName(\"x\") int b) {}",
            "@Row(skipNameChecks = true)",
            "record ByName(int a) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.ConflictingAnnotations] Both is annotated @Row and @UserType")
        .inFile(src)
        .onLineContaining("record Both");
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.ConflictingAnnotations] component 'b' of Skipped is @Skip and @CqlName")
        .inFile(src)
        .onLineContaining("int b");
    assertThat(c)
        .hadErrorContaining("[CqlMapper.ConflictingAnnotations] ByName sets skipNameChecks")
        .inFile(src)
        .onLineContaining("record ByName");
  }

  @Test
  void annotationsWithoutMeaningWhereTheyAreAreMisplaced() {
    JavaFileObject src =
        source(
            "Misplaced",
            "@Row",
            "record Misplaced(int a,",
            "    @DefaultWhenNull String s) {}",
            "@CqlTuple",
            "record Tup(int a,",
            "    @CqlName(\"x\") int b) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.MisplacedAnnotation] component 's' of Misplaced is @DefaultWhenNull")
        .inFile(src)
        .onLineContaining("String s");
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.MisplacedAnnotation] component 'b' of Tup is annotated @CqlName")
        .inFile(src)
        .onLineContaining("int b");
  }

  @Test
  void emptyCqlNameIsInvalid() {
    JavaFileObject src =
        source("Empty", "@Row", "record Empty(int a,", "    @CqlName(\"\") int b) {}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.InvalidName]")
        .inFile(src)
        .onLineContaining("int b");
  }

  @Test
  void allErrorsOfATypeAreReportedInOneCompilation() {
    JavaFileObject src =
        source(
            "Many",
            "@Row",
            "record Many(Thread t,",
            "    @DefaultWhenNull String s,",
            "    @CqlName(\"\") int b,",
            "    Object o) {}");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(4);
    assertThat(c)
        .hadErrorContaining("[CqlMapper.UnsupportedType] component 't'")
        .inFile(src)
        .onLineContaining("Thread t");
    assertThat(c)
        .hadErrorContaining("[CqlMapper.MisplacedAnnotation]")
        .inFile(src)
        .onLineContaining("String s");
    assertThat(c)
        .hadErrorContaining("[CqlMapper.InvalidName]")
        .inFile(src)
        .onLineContaining("int b");
    assertThat(c)
        .hadErrorContaining("[CqlMapper.UnsupportedType] component 'o'")
        .inFile(src)
        .onLineContaining("Object o");
  }
}
