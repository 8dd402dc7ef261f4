package org.cql4j.mapper.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The validated, immutable description of a {@code @Dao} interface that {@link DaoGenerator}
 * implements.
 *
 * @param element the interface
 * @param dao the interface's class name
 * @param implementation the generated class's name, {@code <Name>_CqlDao}
 * @param methods the {@code @Query} methods, in declaration order
 */
record DaoModel(
    TypeElement element, ClassName dao, ClassName implementation, List<Method> methods) {

  /** How parameters reach the bind markers. */
  enum Binding {
    /** No parameters. */
    NONE,
    /** {@code Values.of(a, b)}, for {@code ?} markers. */
    POSITIONAL,
    /** By marker name, for {@code :name} markers. */
    NAMED,
    /** The single parameter is a {@code @Row} record: the row itself. */
    ROW
  }

  /** What a method returns, before {@code CompletableFuture}. */
  enum Returns {
    VOID,
    BOOLEAN,
    ONE,
    OPTIONAL,
    LIST,
    PAGER,
    RESULT
  }

  /**
   * One {@code @Query} method.
   *
   * @param element the method
   * @param name its name
   * @param field the name of its statement's field (unique among overloads)
   * @param cql the CQL text
   * @param parameters its parameters, in order
   * @param binding how they bind
   * @param returns what it returns
   * @param async whether it returns a {@code CompletableFuture}
   * @param returnType the declared return type
   * @param rowType the row type of {@code ONE}, {@code OPTIONAL} and {@code LIST}, else null
   * @param attributes the statement's settings
   */
  record Method(
      ExecutableElement element,
      String name,
      String field,
      String cql,
      List<Parameter> parameters,
      Binding binding,
      Returns returns,
      boolean async,
      TypeName returnType,
      TypeName rowType,
      Attributes attributes) {}

  /**
   * A parameter.
   *
   * @param name the Java name
   * @param marker the bind marker it binds to by name ({@code @CqlName}, or the Java name)
   * @param type its type
   */
  record Parameter(String name, String marker, TypeName type) {}

  /**
   * {@code @StatementAttributes}, checked; empty or 0 where not given.
   *
   * @param consistency a {@code Consistency} constant
   * @param serialConsistency a {@code SerialConsistency} constant
   * @param pageSize the page size, 0 for none
   * @param timeoutMillis the timeout, 0 for none
   * @param idempotent the idempotence, if given
   * @param profile the execution profile's name
   */
  record Attributes(
      Optional<String> consistency,
      Optional<String> serialConsistency,
      int pageSize,
      long timeoutMillis,
      Optional<Boolean> idempotent,
      Optional<String> profile) {

    static final Attributes NONE =
        new Attributes(
            Optional.empty(), Optional.empty(), 0, 0, Optional.empty(), Optional.empty());

    boolean isEmpty() {
      return equals(NONE);
    }
  }
}
