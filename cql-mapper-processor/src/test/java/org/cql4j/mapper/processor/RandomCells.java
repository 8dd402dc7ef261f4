package org.cql4j.mapper.processor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;

/**
 * Writes random, well-formed &lt;rows_content&gt; for given columns (native_protocol_v4.spec
 * §4.2.5.2, §6: every CQL type, nested), remembering where each length or count prefix went so that
 * a fuzzer can aim at them; confined to one thread, reused for every input.
 */
final class RandomCells {
  private byte[] bytes = new byte[4096];
  private int length;
  private int[] prefixes = new int[256];
  private int prefixCount;

  /** The bytes written since {@link #clear}; valid until the next write. */
  byte[] bytes() {
    return bytes;
  }

  /** How many bytes were written. */
  int length() {
    return length;
  }

  /** Sets how many bytes are the input (after a fuzzer truncated or extended them). */
  void length(int length) {
    ensure(length - this.length);
    this.length = length;
  }

  /** The offset of a random [int] length or count prefix, or -1 if none was written. */
  int randomPrefix(Random random) {
    return prefixCount == 0 ? -1 : prefixes[random.nextInt(prefixCount)];
  }

  void clear() {
    length = 0;
    prefixCount = 0;
  }

  /**
   * Writes {@code rows} rows of cells for {@code columns}; about one cell in {@code nullOneIn} is a
   * null.
   */
  void rows(List<ColumnSpec> columns, int rows, int nullOneIn, Random random) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns.size(); c++) {
        cell(columns.get(c).type(), nullOneIn, random, 0);
      }
    }
  }

  // [bytes]: an [int] length, then the value; -1 for null
  private void cell(ColumnType type, int nullOneIn, Random random, int depth) {
    if (random.nextInt(nullOneIn) == 0) {
      prefix(-1);
      return;
    }
    int at = prefix(0);
    value(type, random, depth);
    putInt(at, length - at - 4);
  }

  private void value(ColumnType type, Random random, int depth) {
    if (type instanceof ColumnType.Native n) {
      nativeValue(n, random);
    } else if (type instanceof ColumnType.ListType l) {
      elements(l.element(), null, random, depth);
    } else if (type instanceof ColumnType.SetType s) {
      elements(s.element(), null, random, depth);
    } else if (type instanceof ColumnType.MapType m) {
      elements(m.key(), m.value(), random, depth);
    } else if (type instanceof ColumnType.TupleType t) {
      for (ColumnType component : t.components()) {
        cell(component, 6, random, depth + 1);
      }
    } else if (type instanceof ColumnType.UserType u) {
      // a value written before fields were added ends early (§6.13)
      int fields =
          random.nextInt(8) == 0 ? random.nextInt(u.fields().size() + 1) : u.fields().size();
      for (int i = 0; i < fields; i++) {
        cell(u.fields().get(i).type(), 6, random, depth + 1);
      }
    } else if (type instanceof ColumnType.VectorType v) {
      int fixed = ColumnType.fixedSize(v.element());
      for (int i = 0; i < v.dimensions(); i++) {
        if (fixed > 0) {
          value(v.element(), random, depth + 1);
        } else { // an unsigned vint length, then the element
          int before = length;
          value(v.element(), random, depth + 1);
          byte[] element = Arrays.copyOfRange(bytes, before, length);
          length = before;
          unsignedVint(element.length);
          write(element, element.length);
        }
      }
    } else {
      random(random.nextInt(8), random); // a custom type: any bytes
    }
  }

  // [int n], then n elements (or n key, value pairs) as [bytes]
  private void elements(ColumnType element, ColumnType value, Random random, int depth) {
    int n = depth > 2 ? random.nextInt(2) : random.nextInt(4);
    prefix(n);
    for (int i = 0; i < n; i++) {
      cell(element, 32, random, depth + 1);
      if (value != null) {
        cell(value, 32, random, depth + 1);
      }
    }
  }

  private void nativeValue(ColumnType.Native type, Random random) {
    switch (type) {
      case BOOLEAN -> writeByte(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(2));
      case TINYINT -> random(1, random);
      case SMALLINT -> random(2, random);
      case INT, FLOAT, DATE -> random(4, random);
      case BIGINT, COUNTER, TIMESTAMP, DOUBLE -> random(8, random);
      case TIME -> writeLong(Math.floorMod(random.nextLong(), 86_400_000_000_000L));
      case UUID -> random(16, random);
      case TIMEUUID -> {
        random(16, random);
        bytes[length - 10] = (byte) (0x10 | bytes[length - 10] & 0x0F); // version 1
      }
      case BLOB, VARINT -> random(random.nextInt(18), random);
      case DECIMAL -> {
        writeInt(random.nextInt(40) - 20);
        random(1 + random.nextInt(12), random);
      }
      case INET -> random(random.nextBoolean() ? 4 : 16, random);
      case ASCII -> {
        for (int n = random.nextInt(12); n > 0; n--) {
          writeByte(' ' + random.nextInt(95));
        }
      }
      case TEXT -> text(random);
      case DURATION -> { // months, days, nanoseconds: signed vints of one sign (§6.2)
        boolean negative = random.nextBoolean();
        signedVint(sign(random.nextInt(100), negative));
        signedVint(sign(random.nextInt(40), negative));
        signedVint(sign(random.nextLong() >>> random.nextInt(64), negative));
      }
    }
  }

  private void text(Random random) {
    for (int n = random.nextInt(10); n > 0; n--) {
      switch (random.nextInt(8)) {
        case 0 -> write(new byte[] {(byte) 0xC3, (byte) 0xA9}, 2); // é
        case 1 -> write(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, 3); // €
        case 2 -> write(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, 4);
        default -> writeByte('a' + random.nextInt(26));
      }
    }
  }

  private static long sign(long v, boolean negative) {
    return negative ? -v : v;
  }

  // the unsigned vint of Cassandra's VIntCoding: the leading 1 bits of the first byte count the
  // bytes that follow
  private void unsignedVint(long value) {
    int size = (639 - Long.numberOfLeadingZeros(value | 1) * 9) >> 6;
    if (size == 1) {
      writeByte((int) value);
      return;
    }
    ensure(size);
    for (int i = size - 1; i >= 0; i--) {
      bytes[length + i] = (byte) value;
      value >>>= 8;
    }
    bytes[length] |= (byte) ~(0xFF >> (size - 1));
    length += size;
  }

  private void signedVint(long value) {
    unsignedVint((value << 1) ^ (value >> 63));
  }

  // an [int] that is a length or a count, remembered; returns its offset
  private int prefix(int value) {
    if (prefixCount == prefixes.length) {
      prefixes = Arrays.copyOf(prefixes, prefixCount * 2);
    }
    prefixes[prefixCount++] = length;
    writeInt(value);
    return length - 4;
  }

  private void random(int n, Random random) {
    ensure(n);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      putInt(length + i, random.nextInt());
    }
    for (; i < n; i++) {
      bytes[length + i] = (byte) random.nextInt();
    }
    length += n;
  }

  private void writeByte(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  private void writeInt(int v) {
    ensure(4);
    putInt(length, v);
    length += 4;
  }

  private void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  private void write(byte[] b, int n) {
    ensure(n);
    System.arraycopy(b, 0, bytes, length, n);
    length += n;
  }

  void putInt(int at, int v) {
    bytes[at] = (byte) (v >>> 24);
    bytes[at + 1] = (byte) (v >>> 16);
    bytes[at + 2] = (byte) (v >>> 8);
    bytes[at + 3] = (byte) v;
  }

  private void ensure(int n) {
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
  }
}
