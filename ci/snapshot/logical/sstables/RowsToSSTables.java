import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.io.sstable.CQLSSTableWriter;
import org.apache.cassandra.utils.ByteBufferUtil;

/**
 * Turns a logical snapshot's row files into SSTables with Cassandra's own CQLSSTableWriter, for `nodetool import`.
 *
 * Prints "ready" once started, then reads one job (JSON) from stdin: the units to write, each a run of row files of
 * one table in token order and the directory its SSTables go to. Units run on a pool of threads, each with writers of its own (a writer is not
 * thread-safe). Row files hold partitions in token order, so the writers run in sorted mode: each partition is written
 * as soon as the next one starts, and memory holds one partition at a time, whatever the table's size. A unit marked
 * "sorted": false (rows made up elsewhere, in no token order) is written unsorted instead: the writer sorts a buffer.
 *
 * Each row line is [key..., cell | null ...] with cell = [value, writetime, expiresAt | null]. Cells that share a write
 * time and expiry become one INSERT ... USING TIMESTAMP ? AND TTL ? with the other cells unset, exactly as the CQL
 * loader does; the writer merges the inserts of one row. Prints "progress UNIT ROWS" now and then, "done UNIT ROWS"
 * at the end of each unit, and exits non-zero with the error on stderr when anything fails.
 */
public final class RowsToSSTables {
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private static final ByteBuffer UNSET = ByteBufferUtil.UNSET_BYTE_BUFFER;
  private static final ByteBuffer NO_TTL = ByteBuffer.allocate(4).putInt(0).flip();
  private static final long PROGRESS_EVERY = 20_000;
  private static final int UNSORTED_BUFFER_MIB = 32;

  /** How a value is kept in the row file: a JSON string of text, a UUID in its usual form, or wire bytes in base64. */
  enum Encoding { TEXT, UUID, BYTES }

  record Table(String create, List<String> types, String rowInsert, String staticInsert, List<Encoding> keys,
      List<Encoding> cells, List<Boolean> staticCells, int partitionKeys) {}

  record Unit(int id, Table table, List<String> files, String directory, boolean sorted) {}

  public static void main(String[] args) throws Exception {
    // As an offline tool with the configuration given (-Dcassandra.config), before CQLSSTableWriter would set up client
    // mode, which always writes 5.0's "oa" SSTables: a node in storage_compatibility_mode CASSANDRA_4 (5.0's default)
    // refuses to import those.
    DatabaseDescriptor.toolInitialization();
    // Loading the writer's classes and schema machinery takes seconds: done before the job comes, which the caller sends
    // once the target keyspace exists.
    Class.forName(CQLSSTableWriter.class.getName());
    OUT.println("ready");
    JsonNode job = new ObjectMapper().readTree(System.in);
    List<Unit> units = new ArrayList<>();
    for (JsonNode u : job.get("units")) {
      JsonNode t = u.get("table");
      List<String> files = new ArrayList<>();
      u.get("files").forEach(f -> files.add(f.asText()));
      units.add(new Unit(u.get("id").asInt(), new Table(t.get("create").asText(), strings(t.get("types")),
          t.get("rowInsert").asText(), t.hasNonNull("staticInsert") ? t.get("staticInsert").asText() : null,
          encodings(t.get("keys")), encodings(t.get("cells")), booleans(t.get("staticCells")), t.get("partitionKeys").asInt()),
          files, u.get("directory").asText(), u.path("sorted").asBoolean(true)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, job.get("threads").asInt()));
    List<Future<?>> running = new ArrayList<>();
    for (Unit unit : units) running.add(pool.submit(() -> { write(unit); return null; }));
    try {
      for (Future<?> f : running) f.get();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.println(cause.getClass().getSimpleName() + ": " + cause.getMessage());
      System.exit(1);
    }
    pool.shutdown();
    // Cassandra's client mode leaves non-daemon threads behind.
    System.exit(0);
  }

  private static void write(Unit unit) throws Exception {
    Table table = unit.table();
    CQLSSTableWriter rows = writer(table, table.rowInsert(), unit);
    // Partitions holding only static cells come without clustering values: a second insert names the partition key only.
    CQLSSTableWriter statics = table.staticInsert() == null ? null : writer(table, table.staticInsert(), unit);
    JsonFactory json = new JsonFactory();
    AtomicLong count = new AtomicLong();
    try {
      for (String file : unit.files()) {
        try (InputStream in = new BufferedInputStream(new FileInputStream(file), 1 << 20); JsonParser parser = json.createParser(in)) {
          for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            writeRow(parser, table, rows, statics);
            if (count.incrementAndGet() % PROGRESS_EVERY == 0) OUT.println("progress " + unit.id() + " " + count.get());
          }
        } catch (Exception e) {
          throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
      }
    } finally {
      rows.close();
      if (statics != null) statics.close();
    }
    OUT.println("done " + unit.id() + " " + count.get());
  }

  private static CQLSSTableWriter writer(Table table, String insert, Unit unit) {
    // CQLSSTableWriter's builder registers the schema in a process-wide registry: one builder at a time.
    synchronized (RowsToSSTables.class) {
      CQLSSTableWriter.Builder builder = CQLSSTableWriter.builder().inDirectory(unit.directory()).forTable(table.create()).using(insert);
      // Unsorted rows are held and sorted a buffer at a time, each buffer one SSTable: small enough for the heap with a
      // writer per thread (rows take several times their serialized size in memory).
      if (unit.sorted()) builder.sorted();
      else builder.withBufferSizeInMiB(UNSORTED_BUFFER_MIB);
      for (String type : table.types()) builder.withType(type);
      return builder.build();
    }
  }

  /** One row line, the parser on its opening bracket. */
  private static void writeRow(JsonParser parser, Table table, CQLSSTableWriter rows, CQLSSTableWriter statics) throws Exception {
    int keyCount = table.keys().size();
    List<ByteBuffer> keys = new ArrayList<>(keyCount);
    for (int i = 0; i < keyCount; i++) {
      parser.nextToken();
      keys.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : decode(parser.getText(), table.keys().get(i)));
    }
    // Cells grouped by "writetime|expiresAt", in the order met.
    Map<String, List<Object>> groups = new HashMap<>(4);
    List<String> order = new ArrayList<>(2);
    int cells = 0;
    long nowSeconds = System.currentTimeMillis() / 1000;
    for (int j = 0; j < table.cells().size(); j++) {
      if (parser.nextToken() == JsonToken.VALUE_NULL) continue;
      cells++;
      parser.nextToken();
      ByteBuffer value = decode(parser.getText(), table.cells().get(j));
      parser.nextToken();
      String writetime = parser.getText();
      Long expiresAt = parser.nextToken() == JsonToken.VALUE_NULL ? null : parser.getLongValue();
      parser.nextToken(); // the cell's closing bracket
      if (expiresAt != null && expiresAt - nowSeconds <= 0) continue; // expired since the snapshot, as Cassandra would
      String group = writetime + "|" + expiresAt;
      List<Object> members = groups.get(group);
      if (members == null) {
        members = new ArrayList<>();
        members.add(writetime);
        members.add(expiresAt);
        groups.put(group, members);
        order.add(group);
      }
      members.add(j);
      members.add(value);
    }
    parser.nextToken(); // the row's closing bracket
    if (cells > 0 && groups.isEmpty()) return; // every cell expired: so has the row

    boolean staticOnly = keys.size() > table.partitionKeys() && keys.get(table.partitionKeys()) == null;
    CQLSSTableWriter target = staticOnly ? statics : rows;
    List<ByteBuffer> keyValues = staticOnly ? keys.subList(0, table.partitionKeys()) : keys;
    if (groups.isEmpty()) {
      // A row with no cells: its row marker's write time cannot be read over CQL, so it gets "now".
      target.rawAddRow(bound(keyValues, table, staticOnly, Collections.emptyList(), UNSET, UNSET));
      return;
    }
    for (String group : order) {
      List<Object> members = groups.get(group);
      ByteBuffer timestamp = ByteBuffer.allocate(8).putLong(Long.parseLong((String) members.get(0))).flip();
      Long expiresAt = (Long) members.get(1);
      ByteBuffer ttl = expiresAt == null ? NO_TTL : ByteBuffer.allocate(4).putInt((int) (expiresAt - nowSeconds)).flip();
      target.rawAddRow(bound(keyValues, table, staticOnly, members.subList(2, members.size()), timestamp, ttl));
    }
  }

  /** Keys, then every cell column of the insert (unset unless in this group), then timestamp and TTL. */
  private static List<ByteBuffer> bound(List<ByteBuffer> keys, Table table, boolean staticOnly, List<Object> members,
      ByteBuffer timestamp, ByteBuffer ttl) {
    List<ByteBuffer> values = new ArrayList<>(keys);
    int first = values.size();
    List<Integer> columns = new ArrayList<>();
    for (int j = 0; j < table.cells().size(); j++) {
      if (staticOnly && !table.staticCells().get(j)) continue;
      columns.add(j);
      values.add(UNSET);
    }
    for (int m = 0; m < members.size(); m += 2) {
      values.set(first + columns.indexOf((Integer) members.get(m)), (ByteBuffer) members.get(m + 1));
    }
    values.add(timestamp);
    values.add(ttl);
    return values;
  }

  private static ByteBuffer decode(String stored, Encoding encoding) {
    switch (encoding) {
      case TEXT:
        return ByteBuffer.wrap(stored.getBytes(StandardCharsets.UTF_8));
      case UUID: {
        UUID uuid = UUID.fromString(stored);
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).flip();
      }
      default:
        return ByteBuffer.wrap(Base64.getDecoder().decode(stored));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static List<Encoding> encodings(JsonNode array) {
    List<Encoding> list = new ArrayList<>();
    array.forEach(n -> list.add(Encoding.valueOf(n.asText().toUpperCase())));
    return list;
  }

  private static List<Boolean> booleans(JsonNode array) {
    List<Boolean> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asBoolean()));
    return list;
  }
}
