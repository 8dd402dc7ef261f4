package org.cql4j.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3Token;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3TokenFactory;
import com.datastax.oss.driver.internal.core.util.RoutingKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.cql4j.it.routing.KeyTypes.KeyType;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.token.Murmur3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cql4j's partition key tokens against the Java driver 4.19.3's: random values of every type a
 * partition key can have ({@link KeyTypes}), and composite keys of two or three of them. For each
 * key, the bytes cql4j's codec writes must be the bytes the driver's codec encodes, and the token
 * cql4j's {@link Murmur3} computes from them must be the one the driver's {@code
 * Murmur3TokenFactory} hashes, for a composite key from the layout the driver's {@code
 * RoutingKey.compose} builds ({@code [short length][bytes][0]} per component).
 */
class TokensCrossCheckTest {
  private static final int KEYS = 10_000;
  private static final Murmur3TokenFactory THEIR_TOKENS = new Murmur3TokenFactory();

  static List<KeyType> keyTypes() {
    return KeyTypes.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyTypes")
  void tokensOfASingleColumnKeyMatchTheJavaDrivers(KeyType type) {
    Random random = new Random(type.cql().hashCode());
    for (int i = 0; i < KEYS; i++) {
      Object[] value = type.draw().apply(random);
      ByteBuf ours = serialize(type, value[0]);
      try {
        ByteBuffer theirs = type.theirs().encode(value[1], ProtocolVersion.DEFAULT);
        assertThat(ByteBufUtil.getBytes(ours)).as("%s %s", type, value[0]).isEqualTo(bytes(theirs));
        assertThat(Murmur3.token(ours, ours.readerIndex(), ours.readableBytes()))
            .as("%s %s", type, value[0])
            .isEqualTo(token(theirs));
      } finally {
        ours.release();
      }
    }
  }

  @Test
  void tokensOfACompositeKeyMatchTheJavaDrivers() {
    List<KeyType> types = KeyTypes.all();
    Random random = new Random(7);
    for (int i = 0; i < KEYS; i++) {
      int count = 2 + random.nextInt(2);
      ByteBuf[] ours = new ByteBuf[count];
      ByteBuffer[] theirs = new ByteBuffer[count];
      StringBuilder key = new StringBuilder();
      try {
        for (int c = 0; c < count; c++) {
          KeyType type = types.get(random.nextInt(types.size()));
          Object[] value = type.draw().apply(random);
          ours[c] = serialize(type, value[0]);
          theirs[c] = type.theirs().encode(value[1], ProtocolVersion.DEFAULT);
          key.append(type).append('=').append(value[0]).append("; ");
        }
        assertThat(Murmur3.compositeToken(ours))
            .as(key::toString)
            .isEqualTo(token(RoutingKey.compose(theirs)));
      } finally {
        for (ByteBuf component : ours) {
          if (component != null) {
            component.release();
          }
        }
      }
    }
  }

  private static ByteBuf serialize(KeyType type, Object value) {
    ByteBuf out = Unpooled.buffer();
    assertThat(type.ours().write(value, out)).isEqualTo(SerializeValue.Writer.VALUE);
    return out;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static long token(ByteBuffer key) {
    return ((Murmur3Token) THEIR_TOKENS.hash(key)).getValue();
  }
}
