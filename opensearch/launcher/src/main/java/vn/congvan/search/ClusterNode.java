package vn.congvan.search;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One real OpenSearch node in its own JVM, built from the Maven Central jars instead of a
 * downloaded distribution. The stock {@link Node} only loads plugins from a plugins folder; the
 * protected constructor takes them from the classpath, which is all the two modules we need
 * (HTTP/transport over Netty and the common analyzers: asciifolding, shingles) ask for.
 *
 * <p>Arguments are node settings as {@code key=value} (e.g. {@code http.port=9201}); start two
 * with the same {@code cluster.name} and seed hosts and they form one cluster.
 */
public final class ClusterNode extends Node {

    private static final Collection<Class<? extends Plugin>> PLUGINS =
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    private ClusterNode(Settings settings) {
        super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null,
                () -> settings.get("node.name")), PLUGINS, true);
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder()
                .put("network.host", "127.0.0.1")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                // Shared machine: disk watermarks would turn indices read-only on a full disk
                // that is not ours to free.
                .put("cluster.routing.allocation.disk.threshold_enabled", false);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        if (settings.get("path.home") == null) {
            throw new IllegalArgumentException("path.home=DIR is required");
        }
        Path.of(settings.get("path.home")).toFile().mkdirs();

        ClusterNode node = new ClusterNode(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "node-shutdown"));
        node.start();
        System.out.println("node " + settings.get("node.name") + " started");
        stopped.await();
    }
}
