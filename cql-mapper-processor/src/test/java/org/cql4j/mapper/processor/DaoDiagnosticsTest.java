package org.cql4j.mapper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The compile errors of {@code @Dao} interfaces: one test per diagnostic, with its line. */
class DaoDiagnosticsTest {
  private static final String IMPORTS =
      "import org.cql4j.mapper.*; import java.util.*; import java.util.concurrent.*;"
          + " import org.cql4j.session.*;";
  private static final JavaFileObject PERSON = Sources.input("test/Person.java");

  private static JavaFileObject source(String name, String... lines) {
    return Sources.inline(name, IMPORTS, lines);
  }

  private static Compilation compile(JavaFileObject source) {
    return Sources.compile(List.of(PERSON, source));
  }

  @Test
  void aDaoIsAnInterface() {
    JavaFileObject src = source("Repo", "@Dao", "abstract class Repo {}");
    assertThat(compile(src))
        .hadErrorContaining("[CqlMapper.DaoNotInterface] Repo is not an interface")
        .inFile(src)
        .onLineContaining("abstract class Repo");
  }

  @Test
  void everyAbstractMethodNeedsAQuery() {
    JavaFileObject src = source("Repo", "@Dao", "interface Repo {", "  void forgot(int a);", "}");
    assertThat(compile(src))
        .hadErrorContaining("[CqlMapper.MissingQuery] Repo.forgot has no @Query")
        .inFile(src)
        .onLineContaining("void forgot");
  }

  @Test
  void aReturnTypeADaoCannotProduceIsReported() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id, name, age FROM people\")",
            "  Set<test.Person> everyone();",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.UnsupportedReturnType] Repo.everyone returns Set<Person>, which a DAO"
                + " method cannot")
        .inFile(src)
        .onLineContaining("everyone()");
  }

  @Test
  void positionalMarkersMustMatchTheParameters() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id, name, age FROM people WHERE id = ? AND age > ?\")",
            "  List<test.Person> older(UUID id);",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.MarkerMismatch] Repo.older's CQL has 2 bind marker(s) and the method 1"
                + " parameter(s)")
        .inFile(src)
        .onLineContaining("older(UUID id)");
  }

  @Test
  void namedMarkersMustMatchTheParameterNames() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"UPDATE people SET name = :name WHERE id = :id\")",
            "  void rename(UUID key, String name);",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.MarkerMismatch] Repo.rename has no parameter for the markers :[id], and"
                + " has parameters for no marker: [key]")
        .inFile(src)
        .onLineContaining("void rename");
  }

  @Test
  void mixedMarkerKindsAreRefused() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"UPDATE people SET name = ? WHERE id = :id\")",
            "  void rename(String name, UUID id);",
            "}");
    assertThat(compile(src))
        .hadErrorContaining("[CqlMapper.MarkerMismatch] Repo.rename's CQL mixes ? and :name")
        .inFile(src)
        .onLineContaining("void rename");
  }

  @Test
  void aRowResultMustHoldTheSelectedColumns() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id, name, email FROM people WHERE id = ?\")",
            "  Optional<test.Person> find(UUID id);",
            "}");
    Compilation c = compile(src);
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.RowColumns] Repo.find selects column 'email', which no component of"
                + " Person maps to")
        .inFile(src)
        .onLineContaining("find(UUID id)");
    assertThat(c)
        .hadErrorContaining(
            "[CqlMapper.RowColumns] Repo.find does not select column 'age', which Person needs")
        .inFile(src)
        .onLineContaining("find(UUID id)");
  }

  @Test
  void statementAttributesAreChecked() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id, name, age FROM people\")",
            "  @StatementAttributes(consistency = \"QUORM\")",
            "  QueryPager all();",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.InvalidAttribute] Repo.all has @StatementAttributes(consistency ="
                + " \"QUORM\"), which is none of [ANY, ONE")
        .inFile(src)
        .onLineContaining("QueryPager all()");
  }

  @Test
  void cqlThatDoesNotLexIsReported() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"SELECT id FROM people WHERE name = 'x\")",
            "  List<UUID> named();",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.InvalidCql] Repo.named's CQL has an unterminated string literal")
        .inFile(src)
        .onLineContaining("named()");
  }

  @Test
  void aParameterOfAnUnmappableTypeIsReported() {
    JavaFileObject src =
        source(
            "Repo",
            "@Dao",
            "interface Repo {",
            "  @Query(\"DELETE FROM people WHERE id = ?\")",
            "  void delete(Thread id);",
            "}");
    assertThat(compile(src))
        .hadErrorContaining(
            "[CqlMapper.UnsupportedType] parameter 'id' of Repo.delete has type Thread")
        .inFile(src)
        .onLineContaining("Thread id");
  }
}
