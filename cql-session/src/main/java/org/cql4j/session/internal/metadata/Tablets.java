package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.protocol.message.SchemaChange;
import org.cql4j.protocol.scylla.TabletRouting;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tablets the session has learned, per table (ScyllaDB, scylla-protocol-extensions.md "Tablets
 * routing"): each the token range it owns, its replicas and their shards. Thread-safe: each table
 * holds an immutable array sorted by last token, replaced whole (copy-on-write) when a payload
 * announces a tablet; lookups are a map read and a binary search, and allocate nothing.
 *
 * <p>Nothing here reads a system table: tablets arrive in the custom payload of answers to requests
 * that reached a wrong node or shard. A new tablet replaces every known tablet its range overlaps.
 * Tablets are dropped with their table or keyspace, and re-resolved against every new topology (a
 * tablet with a replica the topology no longer knows is dropped).
 */
public final class Tablets implements SchemaListener {
  private static final Logger LOG = LoggerFactory.getLogger(Tablets.class);
  private static final Entry[] NONE = new Entry[0];

  /**
   * One tablet, with its replicas resolved to the nodes of a snapshot.
   *
   * @param firstToken the exclusive start of its range
   * @param lastToken the inclusive end of its range
   * @param hostIds the replicas' host ids, in the server's order
   * @param replicas the replicas' nodes, in the same order, unmodifiable
   * @param shards each replica's shard
   * @param version the tablet's version ({@code tablets-routing-v2}), or -1 when not known
   */
  record Entry(
      long firstToken,
      long lastToken,
      UUID[] hostIds,
      List<Node> replicas,
      int[] shards,
      long version) {}

  // keyspace -> table -> tablets sorted by last token, not overlapping
  private final Map<String, Map<String, Entry[]>> tables = new ConcurrentHashMap<>();
  // which 4-bit block of a tablet version the next request presents; racy on purpose: any
  // rotation does, and a shared counter would make every request contend on one cache line
  private int nextBlock;

  /** Whether any table of any keyspace has a known tablet; a cheap check for the request path. */
  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /**
   * Records a tablet a response announced.
   *
   * @param keyspace the request's keyspace
   * @param table the request's table
   * @param tablet the tablet
   * @param state the current snapshot, to resolve the replicas' host ids
   * @return whether it was recorded: false when a replica is not a known node
   */
  public boolean add(String keyspace, String table, TabletRouting tablet, ClusterState state) {
    int n = tablet.replicas().size();
    UUID[] hostIds = new UUID[n];
    int[] shards = new int[n];
    for (int i = 0; i < n; i++) {
      hostIds[i] = tablet.replicas().get(i).hostId();
      shards[i] = tablet.replicas().get(i).shard();
    }
    List<Node> replicas = resolve(hostIds, state);
    if (replicas == null) {
      LOG.debug("ignoring a tablet of {}.{} with a replica not in {}", keyspace, table, state);
      return false;
    }
    Entry entry =
        new Entry(
            tablet.firstToken(),
            tablet.lastToken(),
            hostIds,
            replicas,
            shards,
            tablet.version().orElse(-1));
    tables
        .computeIfAbsent(keyspace, k -> new ConcurrentHashMap<>())
        .compute(table, (t, current) -> insert(current == null ? NONE : current, entry));
    return true;
  }

  private static Entry[] insert(Entry[] current, Entry added) {
    List<Entry> kept = new ArrayList<>(current.length + 1);
    for (Entry e : current) {
      boolean overlaps = e.firstToken < added.lastToken && added.firstToken < e.lastToken;
      if (!overlaps) {
        kept.add(e);
      }
    }
    kept.add(added);
    Entry[] sorted = kept.toArray(NONE);
    Arrays.sort(sorted, (a, b) -> Long.compare(a.lastToken, b.lastToken));
    return sorted;
  }

  /**
   * The tablet of a token, if known. Allocates nothing.
   *
   * @param keyspace the keyspace
   * @param table the table
   * @param token the token
   * @return the tablet that owns the token, or null
   */
  Entry find(String keyspace, String table, long token) {
    if (keyspace == null || table == null) {
      return null;
    }
    Map<String, Entry[]> byTable = tables.get(keyspace);
    Entry[] entries = byTable == null ? null : byTable.get(table);
    if (entries == null) {
      return null;
    }
    int low = 0;
    int high = entries.length - 1;
    while (low <= high) { // the first tablet whose last token is >= token
      int mid = (low + high) >>> 1;
      if (entries[mid].lastToken < token) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    Entry e = low < entries.length ? entries[low] : null;
    return e != null && e.firstToken < token ? e : null;
  }

  /**
   * The {@code tablet_version_block} byte of an EXECUTE with tablets routing v2 (scylla-protocol-
   * extensions.md, "Tablets routing v2"): a block index that rotates across requests in the high
   * nibble, that 4-bit slice of the known version of the token's tablet in the low one (0 when the
   * version is not known: the server then answers with the tablet when the slice differs).
   * Allocates nothing.
   *
   * @param keyspace the keyspace
   * @param table the table
   * @param token the request's token
   * @return the byte, 0 to 255
   */
  public int versionBlock(String keyspace, String table, long token) {
    int index = nextBlock++ & 0xF;
    Entry tablet = isEmpty() ? null : find(keyspace, table, token);
    long version = tablet == null || tablet.version() < 0 ? 0 : tablet.version();
    return (index << 4) | (int) ((version >>> (4 * index)) & 0xF);
  }

  /**
   * Re-resolves every tablet against a new topology: new node instances, and tablets with a replica
   * that left dropped.
   *
   * @param state the new snapshot
   */
  public void onTopology(ClusterState state) {
    tables.forEach(
        (keyspace, byTable) ->
            byTable.replaceAll(
                (table, entries) -> {
                  List<Entry> kept = new ArrayList<>(entries.length);
                  for (Entry e : entries) {
                    List<Node> replicas = resolve(e.hostIds, state);
                    if (replicas != null) {
                      kept.add(
                          new Entry(
                              e.firstToken, e.lastToken, e.hostIds, replicas, e.shards, e.version));
                    }
                  }
                  return kept.toArray(NONE);
                }));
  }

  @Override
  public void onSchemaChange(SchemaChange change) {
    if (change.changeType() != SchemaChange.ChangeType.DROPPED) {
      return;
    }
    if (change.target() == SchemaChange.Target.KEYSPACE) {
      tables.remove(change.keyspace());
    } else if (change.target() == SchemaChange.Target.TABLE) {
      Map<String, Entry[]> byTable = tables.get(change.keyspace());
      if (byTable != null) {
        byTable.remove(change.name());
      }
    }
  }

  @Override
  public void onSchemaEventsMissed() {
    // tablets are not schema: a stale one is corrected by the next payload
  }

  private static List<Node> resolve(UUID[] hostIds, ClusterState state) {
    Node[] nodes = new Node[hostIds.length];
    for (int i = 0; i < hostIds.length; i++) {
      nodes[i] = state.nodeByHostId(hostIds[i]).orElse(null);
      if (nodes[i] == null) {
        return null;
      }
    }
    return List.of(nodes);
  }
}
