package fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.DefaultWhenNull;
import org.cql4j.mapper.Flatten;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.UserType;
import org.cql4j.protocol.value.Counter;
import org.cql4j.protocol.value.CqlDate;
import org.cql4j.protocol.value.CqlDecimal;
import org.cql4j.protocol.value.CqlDuration;
import org.cql4j.protocol.value.CqlTime;
import org.cql4j.protocol.value.CqlTimestamp;
import org.cql4j.protocol.value.CqlTimeuuid;
import org.cql4j.protocol.value.CqlVarint;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;

/** Records with every kind of component the processor maps, read by GeneratedCodecFuzzTest. */
public final class Fuzzed {
  private Fuzzed() {}

  /** Every built-in Java type, primitives and boxes, nested collections, structs, a flattening. */
  @Row
  public record Everything(
      UUID id,
      boolean flag,
      byte tiny,
      short small,
      int number,
      long big,
      float ratio,
      double score,
      @DefaultWhenNull long visits,
      Boolean maybe,
      Counter hits,
      CqlTimeuuid event,
      String text,
      ByteBuffer blob,
      byte[] bytes,
      InetAddress inet,
      LocalDate day,
      LocalTime time,
      Instant at,
      @CqlName("raw_day") CqlDate rawDay,
      @CqlName("raw_time") CqlTime rawTime,
      @CqlName("raw_at") CqlTimestamp rawAt,
      CqlDuration duration,
      BigDecimal decimal,
      BigInteger varint,
      @CqlName("raw_decimal") CqlDecimal rawDecimal,
      @CqlName("raw_varint") CqlVarint rawVarint,
      float[] embedding,
      List<String> words,
      Optional<Map<String, Set<Integer>>> nested,
      List<Map<UUID, List<Long>>> deep,
      @CqlName("any_tuple") TupleValue anyTuple,
      @CqlName("any_udt") UdtValue anyUdt,
      Place place,
      Map<Integer, Place> places,
      Optional<Span> span,
      @Flatten Meta meta) {}

  /** A user type holding a tuple, a list of tuples and a field that may be absent. */
  @UserType
  public record Place(
      String name,
      @DefaultWhenNull int floor,
      Span span,
      List<Span> history,
      @AllowMissing Optional<String> note) {}

  /** A tuple with a primitive, a box and an optional. */
  @CqlTuple
  public record Span(long from, Instant until, Optional<String> label) {}

  /** Flattened into {@link Everything}. */
  @Row
  public record Meta(@CqlName("created_at") Instant createdAt, Set<InetAddress> hosts) {}

  /** The user types and tuples of the representative inputs that no row there reads. */
  @Row
  public record Structs(
      test.OrderedAddress ordered,
      test.StrictAddress strict,
      test.Pair pair,
      test.Numbers numbers,
      @AllowMissing Map<String, test.Address> addresses) {}
}
