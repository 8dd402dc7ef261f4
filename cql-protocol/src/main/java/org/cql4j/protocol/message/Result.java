package org.cql4j.protocol.message;

/**
 * RESULT: the result of a QUERY, PREPARE, EXECUTE or BATCH (native_protocol_v4.spec §4.2.5).
 * Immutable and thread-safe, except {@link RowsResult} which owns a buffer.
 */
public sealed interface Result extends Response
    permits VoidResult, RowsResult, SetKeyspaceResult, PreparedResult, SchemaChangeResult {

  /** The {@code <kind>} of a Void result. */
  int VOID = 0x0001;

  /** The {@code <kind>} of a Rows result. */
  int ROWS = 0x0002;

  /** The {@code <kind>} of a Set_keyspace result. */
  int SET_KEYSPACE = 0x0003;

  /** The {@code <kind>} of a Prepared result. */
  int PREPARED = 0x0004;

  /** The {@code <kind>} of a Schema_change result. */
  int SCHEMA_CHANGE = 0x0005;

  /** The {@code <kind>} [int] that starts the body. */
  int kind();

  @Override
  default org.cql4j.protocol.frame.Opcode opcode() {
    return org.cql4j.protocol.frame.Opcode.RESULT;
  }
}
