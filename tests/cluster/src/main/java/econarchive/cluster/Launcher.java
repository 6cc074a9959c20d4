package econarchive.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs one OpenSearch node in the foreground, for the integration tests.
 *
 * There is no distribution to unpack: the server and the two plugins the
 * tests need (HTTP/transport, common analysis) come from Maven jars on the
 * classpath, and the node is built directly instead of through OpenSearch's
 * bootstrap (so no security manager, native calls or bootstrap checks).
 *
 * Usage: Launcher --name node1 --home DIR --http-port 9201
 *   --transport-port 9301 --seeds 127.0.0.1:9301,127.0.0.1:9302
 *   --managers node1,node2,node3
 */
public final class Launcher {
    static final String CLUSTER_NAME = "econ-archive-test";

    /** Node's constructor taking classpath plugins is protected. */
    static final class TestNode extends Node {
        TestNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    public static void main(String[] args) {
        try {
            run(parse(args));
        } catch (Throwable t) {
            System.err.println("launcher: node failed to start");
            t.printStackTrace();
            // Shutdown hooks still run and close whatever was started.
            System.exit(1);
        }
    }

    static Map<String, String> parse(String[] args) {
        List<String> known = Arrays.asList("name", "home", "http-port", "transport-port", "seeds", "managers");
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument " + a + "; expected --" + String.join(" V --", known) + " V");
            }
            opts.put(a.substring(2), args[++i]);
        }
        for (String k : known) {
            if (!opts.containsKey(k)) {
                throw new IllegalArgumentException("missing --" + k);
            }
        }
        return opts;
    }

    static void run(Map<String, String> opts) throws Exception {
        String name = opts.get("name");
        Path home = Paths.get(opts.get("home")).toAbsolutePath();
        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(home.resolve("logs"));
        try (InputStream in = Launcher.class.getResourceAsStream("log4j2.properties")) {
            Files.copy(in, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }

        Settings settings = Settings.builder()
            .put("cluster.name", CLUSTER_NAME)
            .put("node.name", name)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", opts.get("http-port"))
            .put("transport.port", opts.get("transport-port"))
            .putList("discovery.seed_hosts", opts.get("seeds").split(","))
            .putList("cluster.initial_cluster_manager_nodes", opts.get("managers").split(","))
            // Test machines' disks may be nearly full; shards must still be allocated.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), config, () -> name);

        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(name);
        LogConfigurator.configure(env);

        Node node = new TestNode(env, Arrays.asList(Netty4Plugin.class, CommonAnalysisPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (!node.awaitClose(15, TimeUnit.SECONDS)) {
                    System.err.println("launcher: node did not close within 15 s");
                }
            } catch (IOException | InterruptedException e) {
                e.printStackTrace();
            } finally {
                // -Dlog4j.shutdownHookEnabled=false leaves this to us, after the node's last lines.
                Configurator.shutdown((LoggerContext) LogManager.getContext(false));
                stopped.countDown();
            }
        }, "launcher-shutdown"));

        node.start();
        System.out.println("launcher: node " + name + " started, http 127.0.0.1:" + opts.get("http-port"));
        stopped.await();
    }
}
