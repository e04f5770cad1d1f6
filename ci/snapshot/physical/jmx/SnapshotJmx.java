import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * One JMX client for all of a snapshot's or restore's node operations, instead of a nodetool JVM per call; JDK only.
 * Its line protocol on stdin/stdout: docs/internals.md (The JMX client's line protocol).
 */
public final class SnapshotJmx {
  private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";
  private static final String BOOLEAN = "boolean";

  public static void main(String[] args) throws Exception {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + args[0] + ":" + args[1] + "/jmxrmi");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newCachedThreadPool();
    // A node with JMX authentication on: the user and password come from the environment, never the command line.
    Map<String, Object> environment = new HashMap<>();
    String username = System.getenv("JMX_USERNAME");
    if (username != null) {
      environment.put(JMXConnector.CREDENTIALS, new String[] {username, System.getenv("JMX_PASSWORD")});
    }
    try (JMXConnector connector = JMXConnectorFactory.connect(url, environment)) {
      MBeanServerConnection mbeans = connector.getMBeanServerConnection();
      out.println("ready");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] request = line.split("\t", -1);
        pool.submit(() -> answer(mbeans, request, out));
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
    }
  }

  private static void answer(MBeanServerConnection mbeans, String[] request, PrintStream out) {
    String id = request[0];
    try {
      String result = run(mbeans, request[1], Arrays.copyOfRange(request, 2, request.length));
      synchronized (out) {
        out.println(id + "\tok" + result);
      }
    } catch (Throwable t) {
      Throwable cause = t;
      while (cause.getCause() != null) cause = cause.getCause();
      String message = String.valueOf(cause.getMessage()).replace('\n', ' ').replace('\t', ' ');
      synchronized (out) {
        out.println(id + "\terror\t" + cause.getClass().getSimpleName() + ": " + message);
      }
    }
  }

  private static String run(MBeanServerConnection mbeans, String op, String[] a) throws Exception {
    ObjectName storage = new ObjectName(STORAGE_SERVICE);
    switch (op) {
      case "snapshot":
        mbeans.invoke(storage, "takeSnapshot", new Object[] {a[0], new HashMap<>(Map.of("skipFlush", "false")), new String[] {a[1]}},
            new String[] {String.class.getName(), Map.class.getName(), String[].class.getName()});
        return "";
      case "clearsnapshot":
        mbeans.invoke(storage, "clearSnapshot", new Object[] {a[0], new String[] {a[1]}},
            new String[] {String.class.getName(), String[].class.getName()});
        return "";
      case "identity": {
        // Host id, its address in the ring (as gossip knows it) and its tokens: what a cluster artifact records per node.
        String hostId = (String) mbeans.getAttribute(storage, "LocalHostId");
        @SuppressWarnings("unchecked")
        Map<String, String> endpoints = (Map<String, String>) mbeans.getAttribute(storage, "HostIdToEndpointWithPort");
        @SuppressWarnings("unchecked")
        List<String> tokens = (List<String>) mbeans.getAttribute(storage, "Tokens");
        String address = String.valueOf(endpoints.get(hostId)).replaceFirst("^/", "");
        return "\t" + hostId + "\t" + address + "\t" + String.join("\t", tokens);
      }
      case "import": {
        ObjectName table = new ObjectName("org.apache.cassandra.db:type=Tables,keyspace=" + a[0] + ",table=" + a[1]);
        HashSet<String> dirs = new HashSet<>(Arrays.asList(a).subList(2, a.length));
        // resetLevel, clearRepaired, verifySSTables, verifyTokens, invalidateCaches, extendedVerify, copyData
        Object[] params = {dirs, true, true, true, true, true, false, true};
        String[] signature = {"java.util.Set", BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN};
        @SuppressWarnings("unchecked")
        List<String> failed = (List<String>) mbeans.invoke(table, "importNewSSTables", params, signature);
        return failed.isEmpty() ? "" : "\t" + String.join("\t", failed);
      }
      default:
        throw new IllegalArgumentException("unknown operation " + op);
    }
  }
}
