package org.cql4j.mapper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * DAO statements checked against {@code -Acql4j.schema} (src/test/resources/schema/people.cql): one
 * test per diagnostic, and a DAO of every kind of statement that must pass.
 */
class SchemaDiagnosticsTest {
  private static final String IMPORTS =
      "import org.cql4j.mapper.*; import java.util.*; import java.util.concurrent.*;"
          + " import org.cql4j.session.*;";

  private static JavaFileObject source(String name, String... lines) {
    return Sources.inline(name, IMPORTS, lines);
  }

  private static Compilation compile(JavaFileObject... sources) {
    List<JavaFileObject> all = new ArrayList<>(Sources.dao());
    all.addAll(List.of(sources));
    return Sources.compileWithSchema(all);
  }

  @Test
  void everyKindOfStatementOfTheTestDaoPasses() {
    assertThat(Sources.compileWithSchema(Sources.dao())).succeededWithoutWarnings();
  }

  @Test
  void withoutASchemaANoteSaysWhatIsNotChecked() {
    assertThat(Sources.compile(Sources.dao()))
        .hadNoteContaining(
            "[CqlMapper] DAO statements are checked without a schema: give"
                + " -Acql4j.schema=<.cql file or folder>");
  }

  @Test
  void aMisspelledColumnIsReported() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT nmae FROM people WHERE id = ?\")",
            "  Optional<String> name(UUID id);",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.UnknownColumn] Repo.name names column 'nmae', which table ks.people does"
                + " not have (columns: id, name, age, tags, home, scores, embedding)")
        .inFile(src)
        .onLineContaining("name(UUID id)");
  }

  @Test
  void aStringParameterBoundToAnIntColumnIsReported() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"UPDATE people SET age = ? WHERE id = ?\")",
            "  void setAge(String age, UUID id);",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.TypeMismatch] parameter 'age' of Repo.setAge is String, which cannot bind"
                + " to age of CQL type int")
        .inFile(src)
        .onLineContaining("String age");
  }

  @Test
  void markersInInAndCollectionsAndUsingAreTyped() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id FROM people WHERE id IN ?\")",
            "  List<UUID> ids(Set<String> ids);",
            "  @Query(\"UPDATE people USING TTL ? SET tags = tags + ? WHERE id = ?\")",
            "  void tag(long ttl, List<Integer> tags, UUID id);",
            "}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining(
            "parameter 'ids' of Repo.ids is Set<String>, which cannot bind to id of CQL type list<uuid>")
        .inFile(src)
        .onLineContaining("Set<String> ids");
    assertThat(c)
        .hadErrorContaining(
            "parameter 'ttl' of Repo.tag is long, which cannot bind to ttl of CQL type int")
        .inFile(src)
        .onLineContaining("long ttl");
    assertThat(c)
        .hadErrorContaining(
            "parameter 'tags' of Repo.tag is List<Integer>, which cannot bind to tags of CQL type set<text>")
        .inFile(src)
        .onLineContaining("long ttl");
  }

  @Test
  void anUnknownTableOrKeyspaceIsReported() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id FROM peeple\")",
            "  List<UUID> all();",
            "  @Query(\"DELETE FROM nope.people WHERE id = ?\")",
            "  void delete(UUID id);",
            "}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.UnknownTable] Repo.all names table 'peeple', which the schema does not"
                + " declare (tables: ks.people, ks.events)")
        .inFile(src)
        .onLineContaining("all()");
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.UnknownKeyspace] Repo.delete names keyspace 'nope', which the schema does"
                + " not declare (keyspaces: ks)")
        .inFile(src)
        .onLineContaining("delete(UUID id)");
  }

  @Test
  void aRowComponentThatCannotHoldItsColumnIsReported() {
    JavaFileObject row = source("Aged", "@Row", "record Aged(UUID id, String age) {}");
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id, age FROM people\")",
            "  List<Aged> all();",
            "  @Query(\"SELECT name FROM people WHERE id = ?\")",
            "  Optional<Integer> name(UUID id);",
            "}");
    Compilation c = compile(row, src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.TypeMismatch] Repo.all reads column 'age' of CQL type int into component"
                + " 'age' of Aged, a String, which cannot hold it")
        .inFile(src)
        .onLineContaining("all()");
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.TypeMismatch] Repo.name reads column 'name' of CQL type text as Integer")
        .inFile(src)
        .onLineContaining("name(UUID id)");
  }

  @Test
  void selectStarIsCheckedAgainstEveryColumn() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT * FROM people WHERE id = ?\")",
            "  Optional<test.Person> find(UUID id);",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.RowColumns] Repo.find selects columns 'tags', 'home', 'scores',"
                + " 'embedding', which no component of Person maps to")
        .inFile(src)
        .onLineContaining("find(UUID id)");
  }
}
