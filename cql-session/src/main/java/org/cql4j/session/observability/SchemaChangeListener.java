package org.cql4j.session.observability;

import org.cql4j.session.AggregateMetadata;
import org.cql4j.session.FunctionMetadata;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.UserTypeMetadata;
import org.cql4j.session.ViewMetadata;

/**
 * Told when the schema changes (the Java driver's {@code SchemaChangeListener}); registered with
 * {@code SessionBuilder.schemaChangeListener}. Every method defaults to doing nothing.
 *
 * <p>The calls come from comparing the schema of one {@code ClusterState} with the next, so a
 * change is reported once, whether this session or another client made it. They come one at a time,
 * in the order the snapshots were published, on a thread of the session's own (never an event loop,
 * never a thread that holds a driver lock), after the snapshot that shows the change is published.
 * A listener that throws is logged once and keeps being called; the session is not affected.
 *
 * <p>Rules: the schema read when the session starts is the baseline, reported by nothing. A created
 * or dropped keyspace is reported alone (its contents are in the metadata passed), not as one call
 * per table. "Updated" for a keyspace means its replication or durable writes changed; its contents
 * are reported by their own calls. An altered user type also updates the tables, types, functions
 * and aggregates that use it. A function or aggregate is known by its signature: replacing it with
 * one of other argument types is a drop and a create. Nothing is reported with {@code
 * SessionBuilder.fetchSchemaMetadata(false)}.
 */
public interface SchemaChangeListener {

  /**
   * A keyspace was created.
   *
   * @param keyspace the new keyspace, with its contents
   */
  default void onKeyspaceCreated(KeyspaceMetadata keyspace) {}

  /**
   * A keyspace's replication or durable writes changed.
   *
   * @param current the keyspace now
   * @param previous the keyspace before
   */
  default void onKeyspaceUpdated(KeyspaceMetadata current, KeyspaceMetadata previous) {}

  /**
   * A keyspace was dropped, with its contents.
   *
   * @param keyspace the keyspace as it was
   */
  default void onKeyspaceDropped(KeyspaceMetadata keyspace) {}

  /**
   * A table was created.
   *
   * @param table the new table
   */
  default void onTableCreated(TableMetadata table) {}

  /**
   * A table changed (columns, options, indexes).
   *
   * @param current the table now
   * @param previous the table before
   */
  default void onTableUpdated(TableMetadata current, TableMetadata previous) {}

  /**
   * A table was dropped.
   *
   * @param table the table as it was
   */
  default void onTableDropped(TableMetadata table) {}

  /**
   * A materialized view was created.
   *
   * @param view the new view
   */
  default void onViewCreated(ViewMetadata view) {}

  /**
   * A materialized view changed.
   *
   * @param current the view now
   * @param previous the view before
   */
  default void onViewUpdated(ViewMetadata current, ViewMetadata previous) {}

  /**
   * A materialized view was dropped.
   *
   * @param view the view as it was
   */
  default void onViewDropped(ViewMetadata view) {}

  /**
   * A user type was created.
   *
   * @param type the new type
   */
  default void onUserTypeCreated(UserTypeMetadata type) {}

  /**
   * A user type changed.
   *
   * @param current the type now
   * @param previous the type before
   */
  default void onUserTypeUpdated(UserTypeMetadata current, UserTypeMetadata previous) {}

  /**
   * A user type was dropped.
   *
   * @param type the type as it was
   */
  default void onUserTypeDropped(UserTypeMetadata type) {}

  /**
   * A user-defined function was created.
   *
   * @param function the new function
   */
  default void onFunctionCreated(FunctionMetadata function) {}

  /**
   * A user-defined function was replaced ({@code CREATE OR REPLACE}) with the same signature.
   *
   * @param current the function now
   * @param previous the function before
   */
  default void onFunctionUpdated(FunctionMetadata current, FunctionMetadata previous) {}

  /**
   * A user-defined function was dropped.
   *
   * @param function the function as it was
   */
  default void onFunctionDropped(FunctionMetadata function) {}

  /**
   * A user-defined aggregate was created.
   *
   * @param aggregate the new aggregate
   */
  default void onAggregateCreated(AggregateMetadata aggregate) {}

  /**
   * A user-defined aggregate was replaced ({@code CREATE OR REPLACE}) with the same signature.
   *
   * @param current the aggregate now
   * @param previous the aggregate before
   */
  default void onAggregateUpdated(AggregateMetadata current, AggregateMetadata previous) {}

  /**
   * A user-defined aggregate was dropped.
   *
   * @param aggregate the aggregate as it was
   */
  default void onAggregateDropped(AggregateMetadata aggregate) {}
}
