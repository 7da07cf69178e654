package org.parley.client.core.internal.osgi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.parley.client.core.ClientOptions;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyClients;

/**
 * Declarative Services component (declared in {@code OSGI-INF/org.parley.client.core.xml}) that offers one
 * {@link ParleyClient} service per framework, i.e. per workbench. The only OSGi-aware class of the bundle.
 *
 * <p>It registers the client itself rather than being the service, so the client stays a plain object with no
 * delegation layer. Consumers must not {@code close()} the service; deactivation does that.
 *
 * <p>State location: configuration property {@code stateDir}, else system property {@code parley.client.stateDir},
 * else the bundle's data area. Optional properties {@code reconnectBaseMs}, {@code reconnectMaxMs} and
 * {@code reconnect} ({@code true}/{@code false}; consumers may change it later with {@link ParleyClient#setReconnect}).
 */
public final class ParleyClientComponent {
    private ParleyClient client;
    private ServiceRegistration<ParleyClient> registration;

    public void activate(BundleContext context, Map<String, Object> properties) {
        Object configured = properties.get("stateDir");
        String stateDir = configured != null ? configured.toString() : System.getProperty("parley.client.stateDir");
        Path dir = stateDir != null ? Path.of(stateDir) : context.getDataFile("state").toPath();
        ClientOptions defaults = ClientOptions.defaults();
        ClientOptions options = defaults.withReconnectBackoff(
                millis(properties, "reconnectBaseMs", defaults.reconnectBase()),
                millis(properties, "reconnectMaxMs", defaults.reconnectMax()))
                .withReconnect(!"false".equals(String.valueOf(properties.get("reconnect"))));
        client = ParleyClients.create(dir, options);
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put("parley.stateDir", dir.toString());
        registration = context.registerService(ParleyClient.class, client, serviceProperties);
    }

    public void deactivate() {
        registration.unregister();
        client.close();
    }

    private static Duration millis(Map<String, Object> properties, String key, Duration fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : Duration.ofMillis(Long.parseLong(value.toString()));
    }
}
