package org.cql4j.session.internal.statement;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.StatementSettings;

/**
 * The session's access to {@link PreparedStatement} internals (its constructor, the raw id, the
 * result metadata update). Thread-safe: the accessor is installed once, by {@code
 * PreparedStatement}'s static initializer.
 */
public final class PreparedStatements {
  private static volatile Access access;

  private PreparedStatements() {}

  /** What {@code PreparedStatement} exposes to the session; implemented by it alone. */
  public interface Access {
    /**
     * Creates a statement.
     *
     * @param cql the prepared text
     * @param keyspace the keyspace the PREPARE named (protocol v5), or null
     * @param prepared the server's PREPARED result
     * @param lwt whether the server marked the statement as a lightweight transaction
     * @return the statement, with default settings
     */
    PreparedStatement create(String cql, String keyspace, PreparedResult prepared, boolean lwt);

    /**
     * The keyspace the statement was prepared in through the PREPARE's keyspace, to prepare it
     * again in the same one.
     *
     * @param statement the statement
     * @return the keyspace, or null when the PREPARE named none
     */
    String prepareKeyspace(PreparedStatement statement);

    /**
     * Returns the statement id without copying; never modify it.
     *
     * @param statement the statement
     * @return the id
     */
    byte[] rawId(PreparedStatement statement);

    /**
     * Returns the result metadata id without copying, or null; never modify it.
     *
     * @param statement the statement
     * @return the id or null
     */
    byte[] rawResultMetadataId(PreparedStatement statement);

    /**
     * Replaces the result metadata after the server reported new metadata (a ROWS result with
     * METADATA_CHANGED, or a re-prepare).
     *
     * @param statement the statement
     * @param resultMetadataId the new result metadata id, or null
     * @param metadata the new metadata
     */
    void updateResultMetadata(
        PreparedStatement statement, byte[] resultMetadataId, RowsMetadata metadata);

    /**
     * Returns the writer of a row type bound to the statement's markers, binding it on first use.
     *
     * @param statement the statement
     * @param rowType the class of the values
     * @param binder binds a writer for the class to the statement's markers when none is cached (a
     *     method reference: nothing is allocated when the writer is cached)
     * @return the cached writer
     */
    RowSerializer.Writer<?> rowWriter(
        PreparedStatement statement,
        Class<?> rowType,
        BiFunction<Class<?>, List<ColumnSpec>, RowSerializer.Writer<?>> binder);

    /**
     * Copies every setting of {@code from} to {@code to}.
     *
     * @param from the source
     * @param to the target
     */
    void copySettings(StatementSettings<?> from, StatementSettings<?> to);

    /**
     * The version of a statement's settings, changed by every setter.
     *
     * @param statement the statement
     * @return the version
     */
    int settingsVersion(StatementSettings<?> statement);

    /**
     * What the session last resolved from a statement's settings.
     *
     * @param statement the statement
     * @return what {@link #resolvedSettings(StatementSettings, Object)} kept, or null
     */
    Object resolvedSettings(StatementSettings<?> statement);

    /**
     * Keeps what the session resolved from a statement's settings, for its next execution.
     *
     * @param statement the statement
     * @param resolution the resolution, holding the version it was made from
     */
    void resolvedSettings(StatementSettings<?> statement, Object resolution);
  }

  /**
   * Installs the accessor; called once by {@code PreparedStatement}.
   *
   * @param accessor the accessor
   * @throws IllegalStateException if called again
   */
  public static synchronized void install(Access accessor) {
    if (access != null) {
      throw new IllegalStateException("PreparedStatement access is already installed");
    }
    access = Objects.requireNonNull(accessor, "accessor");
  }

  /**
   * Returns the accessor, initializing {@code PreparedStatement} first if needed.
   *
   * @return the accessor
   */
  public static Access access() {
    Access a = access;
    if (a == null) {
      try {
        Class.forName(
            PreparedStatement.class.getName(), true, PreparedStatement.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = access;
    }
    return a;
  }

  /**
   * Creates a prepared statement from the server's PREPARED result.
   *
   * @param cql the prepared text
   * @param prepared the result
   * @param lwt whether the server marked the statement as a lightweight transaction
   * @return the statement, with default settings
   */
  public static PreparedStatement create(String cql, PreparedResult prepared, boolean lwt) {
    return access().create(cql, null, prepared, lwt);
  }

  /**
   * Creates a prepared statement from the server's PREPARED result to a PREPARE that named a
   * keyspace.
   *
   * @param cql the prepared text
   * @param keyspace the keyspace the PREPARE named, or null
   * @param prepared the result
   * @param lwt whether the server marked the statement as a lightweight transaction
   * @return the statement, with default settings
   */
  public static PreparedStatement create(
      String cql, String keyspace, PreparedResult prepared, boolean lwt) {
    return access().create(cql, keyspace, prepared, lwt);
  }

  /**
   * The PREPARE that prepares a statement again: its text, in the keyspace it was prepared in.
   *
   * @param statement the statement
   * @return the message
   */
  public static Prepare prepareAgain(PreparedStatement statement) {
    return new Prepare(statement.cql(), access().prepareKeyspace(statement));
  }
}
