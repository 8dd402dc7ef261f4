package org.cql4j.mapper.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test inputs and a compiler with the processor applied. Stateless and thread-safe. */
final class Sources {
  private Sources() {}

  /** A source under src/test/resources/input, e.g. {@code test/User.java}. */
  static JavaFileObject input(String path) {
    return JavaFileObjects.forResource("input/" + path);
  }

  /** A golden generated source under src/test/resources/golden. */
  static JavaFileObject golden(String path) {
    return JavaFileObjects.forResource("golden/" + path);
  }

  /**
   * The representative inputs: a @Row by name, a @Row by order, a @UserType by name, a @UserType by
   * order, a @CqlTuple.
   */
  static List<JavaFileObject> representative() {
    List<JavaFileObject> all = new ArrayList<>();
    for (String name : List.of("Address", "User", "Point", "Pair", "OrderedAddress")) {
      all.add(input("test/" + name + ".java"));
    }
    return all;
  }

  /**
   * The value mappings: an enum with a renamed constant, transparent records over text and a
   * primitive, a custom codec, and a row and a user type using them, nested too.
   */
  static List<JavaFileObject> valueMappings() {
    List<JavaFileObject> all = new ArrayList<>();
    for (String name :
        List.of("Status", "Email", "AccountId", "Money", "MoneyCodec", "Contact", "Account")) {
      all.add(input("test/" + name + ".java"));
    }
    return all;
  }

  /** A {@code @Dao} with every binding and return type, and its {@code @Row}. */
  static List<JavaFileObject> dao() {
    return List.of(input("test/Person.java"), input("test/PersonDao.java"));
  }

  /** Compiles with the processor and -Werror-free defaults. */
  static Compilation compile(List<JavaFileObject> sources) {
    return javac().withProcessors(new CqlMapperProcessor()).compile(sources);
  }

  /**
   * An inline source {@code test.<name>}: the package line, one line of imports, then {@code
   * lines}, so that diagnostics point at the lines as given.
   */
  static JavaFileObject inline(String name, String imports, String... lines) {
    String[] all = new String[lines.length + 2];
    all[0] = "package test;";
    all[1] = imports;
    System.arraycopy(lines, 0, all, 2, lines.length);
    return JavaFileObjects.forSourceLines("test." + name, all);
  }

  /** Compiles with the processor given {@code -Acql4j.schema} of src/test/resources/schema. */
  static Compilation compileWithSchema(List<JavaFileObject> sources) {
    String schema = java.nio.file.Path.of("src/test/resources/schema").toAbsolutePath().toString();
    return javac()
        .withProcessors(new CqlMapperProcessor())
        .withOptions("-Acql4j.schema=" + schema)
        .compile(sources);
  }

  /** Compiles one inline source named {@code test.<name>}. */
  static Compilation compile(String name, String... lines) {
    return compile(List.of(JavaFileObjects.forSourceLines("test." + name, lines)));
  }
}
