package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * A schema change, as carried by a Schema_change result and a SCHEMA_CHANGE event
 * (native_protocol_v4.spec §4.2.5.5, §4.2.6). Immutable and thread-safe.
 *
 * @param changeType created, updated or dropped
 * @param target what kind of object changed
 * @param keyspace the keyspace changed or holding the changed object
 * @param name the table, type, function or aggregate name; empty for a keyspace
 * @param argTypes the CQL argument types of a function or aggregate; empty otherwise
 */
public record SchemaChange(
    ChangeType changeType, Target target, String keyspace, String name, List<String> argTypes) {

  /** The {@code <change_type>}. Immutable and thread-safe. */
  public enum ChangeType {
    /** An object was created. */
    CREATED,
    /** An object was altered. */
    UPDATED,
    /** An object was dropped. */
    DROPPED
  }

  /** The {@code <target>}. Immutable and thread-safe. */
  public enum Target {
    /** A keyspace; options: the keyspace. */
    KEYSPACE,
    /** A table; options: keyspace and table. */
    TABLE,
    /** A user type; options: keyspace and type. */
    TYPE,
    /** A function; options: keyspace, name and argument types. */
    FUNCTION,
    /** An aggregate; options: keyspace, name and argument types. */
    AGGREGATE
  }

  /** Checks the components and copies the argument types. */
  public SchemaChange {
    Objects.requireNonNull(changeType, "changeType");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    argTypes = List.copyOf(argTypes);
  }

  /**
   * Writes {@code <change_type><target><options>}.
   *
   * @param out the buffer; not released
   */
  public void encode(ByteBuf out) {
    WireWriter.writeString(out, changeType.name(), "change_type");
    WireWriter.writeString(out, target.name(), "target");
    WireWriter.writeString(out, keyspace, "options.keyspace");
    if (target != Target.KEYSPACE) {
      WireWriter.writeString(out, name, "options.name");
    }
    if (target == Target.FUNCTION || target == Target.AGGREGATE) {
      WireWriter.writeStringList(out, argTypes, "options.arg_types");
    }
  }

  /**
   * Reads {@code <change_type><target><options>}.
   *
   * @param in the buffer; not released
   * @param field the enclosing field, for error messages
   * @return the change
   */
  public static SchemaChange decode(ByteBuf in, String field) {
    ChangeType changeType = WireReader.readEnum(in, ChangeType.class, field + ".change_type");
    Target target = WireReader.readEnum(in, Target.class, field + ".target");
    String keyspace = WireReader.readString(in, field + ".keyspace");
    String name = target == Target.KEYSPACE ? "" : WireReader.readString(in, field + ".name");
    List<String> args =
        target == Target.FUNCTION || target == Target.AGGREGATE
            ? WireReader.readStringList(in, field + ".arg_types")
            : List.of();
    return new SchemaChange(changeType, target, keyspace, name, args);
  }
}
