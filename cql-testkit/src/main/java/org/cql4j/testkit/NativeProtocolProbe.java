package org.cql4j.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal blocking native protocol v4 client for health checks; each call uses its own socket, so
 * the class is stateless and thread-safe.
 *
 * <p>The test kit deliberately does not use the driver it helps test: a node is ready when it
 * answers real CQL bytes, judged by code that shares no bug with the driver. It speaks just enough
 * of native_protocol_v4.spec: OPTIONS/SUPPORTED (§4.1.3, §4.2.4), STARTUP/READY (§4.1.1, §4.2.2),
 * PasswordAuthenticator's SASL PLAIN exchange (§4.1.2, §4.2.3, §4.2.7) and a QUERY whose RESULT is
 * counted, not decoded (§4.1.4, §4.2.5.2), except for one text value when asked.
 */
public final class NativeProtocolProbe {
  private static final int VERSION_REQUEST = 0x04;
  private static final int VERSION_RESPONSE = 0x84;
  private static final int OPCODE_ERROR = 0x00;
  private static final int OPCODE_STARTUP = 0x01;
  private static final int OPCODE_READY = 0x02;
  private static final int OPCODE_AUTHENTICATE = 0x03;
  private static final int OPCODE_OPTIONS = 0x05;
  private static final int OPCODE_SUPPORTED = 0x06;
  private static final int OPCODE_QUERY = 0x07;
  private static final int OPCODE_RESULT = 0x08;
  private static final int OPCODE_AUTH_RESPONSE = 0x0F;
  private static final int OPCODE_AUTH_SUCCESS = 0x10;
  private static final int RESULT_ROWS = 0x0002;
  private static final int CONSISTENCY_ONE = 0x0001;

  /** A probe never needs large frames; anything bigger means the peer is not a CQL server. */
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private NativeProtocolProbe() {}

  /** A username and password for PasswordAuthenticator. */
  public record Credentials(String username, String password) {}

  /**
   * Sends OPTIONS and returns the SUPPORTED multimap.
   *
   * @param address the node's native transport address
   * @param tls the context to connect with, or null for plain TCP
   * @param timeout the connect and read timeout
   * @return the options the node supports, e.g. {@code CQL_VERSION -> [3.4.7]}
   * @throws IOException if the node does not answer with SUPPORTED in time
   */
  public static Map<String, List<String>> supportedOptions(
      InetSocketAddress address, SSLContext tls, Duration timeout) throws IOException {
    try (Socket socket = connect(address, tls, timeout)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      writeFrame(out, OPCODE_OPTIONS, new byte[0]);
      Frame frame = readFrame(in);
      frame.expect(OPCODE_SUPPORTED, "OPTIONS");
      return readStringMultimap(frame.body());
    }
  }

  /**
   * Connects, authenticates if asked, runs one query at consistency ONE and counts its rows.
   *
   * @param address the node's native transport address
   * @param tls the context to connect with, or null for plain TCP
   * @param credentials the login for PasswordAuthenticator, or null
   * @param cql the query, e.g. {@code SELECT peer FROM system.peers}
   * @param timeout the connect and read timeout
   * @return the number of rows in the first page of the result
   * @throws IOException if the node cannot be reached, refuses the login or fails the query
   */
  public static int countRows(
      InetSocketAddress address,
      SSLContext tls,
      Credentials credentials,
      String cql,
      Duration timeout)
      throws IOException {
    return rows(address, tls, credentials, cql, timeout).readInt();
  }

  /**
   * Connects, authenticates if asked, runs one query at consistency ONE and reads the first column
   * of its first row as UTF-8 text (a {@code text}, {@code varchar} or {@code ascii} column).
   *
   * @param address the node's native transport address
   * @param tls the context to connect with, or null for plain TCP
   * @param credentials the login for PasswordAuthenticator, or null
   * @param cql the query, e.g. {@code SELECT release_version FROM system.local}
   * @param timeout the connect and read timeout
   * @return the value, or empty if the result has no row or the value is null
   * @throws IOException if the node cannot be reached, refuses the login or fails the query
   */
  public static Optional<String> queryText(
      InetSocketAddress address,
      SSLContext tls,
      Credentials credentials,
      String cql,
      Duration timeout)
      throws IOException {
    DataInputStream rows = rows(address, tls, credentials, cql, timeout);
    if (rows.readInt() == 0) {
      return Optional.empty();
    }
    // native_protocol_v4.spec §4.2.5.2: each row is its columns' [bytes], a negative length is null
    int length = rows.readInt();
    if (length < 0) {
      return Optional.empty();
    }
    if (length > rows.available()) {
      throw new IOException("Truncated frame: a value of " + length + " bytes");
    }
    return Optional.of(new String(rows.readNBytes(length), StandardCharsets.UTF_8));
  }

  /** Runs a query; the returned body is positioned at the rows count of its rows result. */
  private static DataInputStream rows(
      InetSocketAddress address,
      SSLContext tls,
      Credentials credentials,
      String cql,
      Duration timeout)
      throws IOException {
    try (Socket socket = connect(address, tls, timeout)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      startup(out, in, credentials);
      BodyWriter query = new BodyWriter();
      query.longString(cql);
      query.shortValue(CONSISTENCY_ONE);
      query.byteValue(0); // no query flags
      writeFrame(out, OPCODE_QUERY, query.toByteArray());
      Frame result = readFrame(in);
      result.expect(OPCODE_RESULT, "QUERY");
      DataInputStream body = result.body();
      if (body.readInt() != RESULT_ROWS) {
        throw new IOException("QUERY '" + cql + "' returned no rows result");
      }
      skipRowsMetadata(body);
      return body;
    }
  }

  private static void startup(DataOutputStream out, DataInputStream in, Credentials credentials)
      throws IOException {
    BodyWriter startup = new BodyWriter();
    startup.shortValue(1);
    startup.string("CQL_VERSION");
    startup.string("3.0.0");
    writeFrame(out, OPCODE_STARTUP, startup.toByteArray());
    Frame answer = readFrame(in);
    if (answer.opcode() == OPCODE_READY) {
      return;
    }
    answer.expect(OPCODE_AUTHENTICATE, "STARTUP");
    if (credentials == null) {
      throw new IOException("The node requires authentication but no credentials were given");
    }
    // SASL PLAIN (RFC 4616): authzid NUL authcid NUL password
    byte[] user = credentials.username().getBytes(StandardCharsets.UTF_8);
    byte[] pass = credentials.password().getBytes(StandardCharsets.UTF_8);
    byte[] token = new byte[user.length + pass.length + 2];
    System.arraycopy(user, 0, token, 1, user.length);
    System.arraycopy(pass, 0, token, user.length + 2, pass.length);
    BodyWriter response = new BodyWriter();
    response.bytes(token);
    writeFrame(out, OPCODE_AUTH_RESPONSE, response.toByteArray());
    readFrame(in).expect(OPCODE_AUTH_SUCCESS, "AUTH_RESPONSE");
  }

  private static Socket connect(InetSocketAddress address, SSLContext tls, Duration timeout)
      throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    Socket plain = new Socket();
    try {
      plain.connect(address, millis);
      plain.setSoTimeout(millis);
      if (tls == null) {
        return plain;
      }
      SSLSocket secure =
          (SSLSocket)
              tls.getSocketFactory()
                  .createSocket(plain, address.getHostString(), address.getPort(), true);
      secure.startHandshake();
      return secure;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  // native_protocol_v4.spec §2: version, flags, stream (2 bytes), opcode, length (4 bytes)
  private static void writeFrame(DataOutputStream out, int opcode, byte[] body) throws IOException {
    out.writeByte(VERSION_REQUEST);
    out.writeByte(0);
    out.writeShort(0);
    out.writeByte(opcode);
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  private static Frame readFrame(DataInputStream in) throws IOException {
    int version = in.readUnsignedByte();
    if (version != VERSION_RESPONSE) {
      throw new IOException(
          "Not a native protocol v4 response: version byte 0x" + Integer.toHexString(version));
    }
    in.readUnsignedByte(); // flags: the probe asks for nothing that sets them
    in.readUnsignedShort(); // stream id
    int opcode = in.readUnsignedByte();
    int length = in.readInt();
    if (length < 0 || length > MAX_BODY) {
      throw new IOException("Implausible frame body length " + length);
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return new Frame(opcode, body);
  }

  private record Frame(int opcode, byte[] bodyBytes) {
    DataInputStream body() {
      return new DataInputStream(new ByteArrayInputStream(bodyBytes));
    }

    void expect(int expected, String request) throws IOException {
      if (opcode == expected) {
        return;
      }
      if (opcode == OPCODE_ERROR) {
        DataInputStream in = body();
        int code = in.readInt();
        throw new IOException(
            request
                + " failed with server error 0x"
                + Integer.toHexString(code)
                + ": "
                + readString(in));
      }
      throw new IOException(request + " was answered with opcode 0x" + Integer.toHexString(opcode));
    }
  }

  // native_protocol_v4.spec §4.2.5.2: flags, columns_count, [paging_state], [global spec], specs
  private static void skipRowsMetadata(DataInputStream in) throws IOException {
    int flags = in.readInt();
    int columns = in.readInt();
    if ((flags & 0x0002) != 0) {
      skipBytes(in, in.readInt());
    }
    if ((flags & 0x0004) != 0) {
      return; // no metadata
    }
    boolean globalSpec = (flags & 0x0001) != 0;
    if (globalSpec) {
      readString(in);
      readString(in);
    }
    for (int i = 0; i < columns; i++) {
      if (!globalSpec) {
        readString(in);
        readString(in);
      }
      readString(in);
      skipOption(in);
    }
  }

  // native_protocol_v4.spec §4.2.5.2: [option] ids of the column types
  private static void skipOption(DataInputStream in) throws IOException {
    int id = in.readUnsignedShort();
    switch (id) {
      case 0x0000 -> readString(in); // custom: class name
      case 0x0020, 0x0022 -> skipOption(in); // list, set
      case 0x0021 -> { // map
        skipOption(in);
        skipOption(in);
      }
      case 0x0030 -> { // UDT: keyspace, name, n, (field name, type)*
        readString(in);
        readString(in);
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
          readString(in);
          skipOption(in);
        }
      }
      case 0x0031 -> { // tuple: n, type*
        int elements = in.readUnsignedShort();
        for (int i = 0; i < elements; i++) {
          skipOption(in);
        }
      }
      default -> {} // native types carry no value
    }
  }

  private static Map<String, List<String>> readStringMultimap(DataInputStream in)
      throws IOException {
    int entries = in.readUnsignedShort();
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (int i = 0; i < entries; i++) {
      String key = readString(in);
      int values = in.readUnsignedShort();
      List<String> list = new ArrayList<>(values);
      for (int j = 0; j < values; j++) {
        list.add(readString(in));
      }
      result.put(key, List.copyOf(list));
    }
    return result;
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readUnsignedShort()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void skipBytes(InputStream in, int n) throws IOException {
    if (n > 0 && in.skip(n) != n) {
      throw new IOException("Truncated frame");
    }
  }

  /** Builds a frame body; confined to the calling thread. */
  private static final class BodyWriter {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(buffer);

    void byteValue(int v) throws IOException {
      out.writeByte(v);
    }

    void shortValue(int v) throws IOException {
      out.writeShort(v);
    }

    void string(String s) throws IOException {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeShort(bytes.length);
      out.write(bytes);
    }

    void longString(String s) throws IOException {
      bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(byte[] bytes) throws IOException {
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    byte[] toByteArray() {
      return buffer.toByteArray();
    }
  }
}
