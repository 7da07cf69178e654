package org.parley.client.core.internal.osgi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.parley.client.core.ClientOptions;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyHome;
import org.parley.client.core.internal.session.DefaultParleyClient;

/**
 * The one {@link ParleyClient} of a framework (a workbench), as a Declarative Services component: the component
 * instance is the client, and DS registers it as the service (descriptor generated from these annotations by Tycho's
 * DS support into {@code OSGI-INF/}). The only OSGi-aware class of the bundle.
 *
 * <p>Consumers must not {@code close()} the service; deactivation does that.
 *
 * <p>State location: configuration property {@code stateDir}, else {@link ParleyHome#directory()} (the system property
 * {@code parley.client.stateDir}, else {@code ~/.parley}); {@link ParleyClient#stateDirectory()} says which one it is.
 * Earlier versions kept it in the bundle's data area ({@code state/}, inside the install folder, shared by every
 * user and process of that install); what is found there is imported once.
 * Optional properties {@code reconnectBaseMs}, {@code reconnectMaxMs} and {@code reconnect} ({@code true}/{@code false};
 * consumers may change it later with {@link ParleyClient#setReconnect}).
 */
@Component(name = "org.parley.client.core", service = ParleyClient.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ParleyClientComponent extends DefaultParleyClient {

    @Activate
    public ParleyClientComponent(BundleContext context, Map<String, Object> properties) {
        super(stateDir(properties), options(properties));
        java.io.File legacy = context.getDataFile("state");
        if (legacy != null && legacy.isDirectory()) {
            importLegacyState(legacy.toPath());
        }
    }

    @Deactivate
    void deactivate() {
        close();
    }

    private static Path stateDir(Map<String, Object> properties) {
        Object configured = properties.get("stateDir");
        return configured != null ? Path.of(configured.toString()) : ParleyHome.directory();
    }

    private static ClientOptions options(Map<String, Object> properties) {
        ClientOptions defaults = ClientOptions.defaults();
        return defaults.withReconnectBackoff(
                millis(properties, "reconnectBaseMs", defaults.reconnectBase()),
                millis(properties, "reconnectMaxMs", defaults.reconnectMax()))
                .withReconnect(!"false".equals(String.valueOf(properties.get("reconnect"))));
    }

    private static Duration millis(Map<String, Object> properties, String key, Duration fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : Duration.ofMillis(Long.parseLong(value.toString()));
    }
}
