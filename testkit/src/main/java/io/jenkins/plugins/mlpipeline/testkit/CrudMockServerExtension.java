package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;

/**
 * fabric8's CRUD mock server (expectations + CRUD, like {@code @EnableKubernetesMockClient(crud = true)}) for tests
 * that need the stock server rather than the cluster emulator. It fills the test's {@link KubernetesMockServer} and
 * {@link KubernetesClient} fields before each test, like fabric8's own extension, but survives the shutdown race of
 * fabric8 7.3.1's mock server: its Vert.x event loop may already be gone when the shutdown future completes, which
 * the stock extension reports as a {@link RejectedExecutionException} failing an otherwise passing test.
 */
public final class CrudMockServerExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CrudMockServerExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        KubernetesClient client = server.createClient();
        context.getStore(NAMESPACE).put("server", server);
        context.getStore(NAMESPACE).put("client", client);
        Object test = context.getRequiredTestInstance();
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == KubernetesMockServer.class) {
                    field.setAccessible(true);
                    field.set(test, server);
                } else if (field.getType() == KubernetesClient.class) {
                    field.setAccessible(true);
                    field.set(test, client);
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        KubernetesClient client = context.getStore(NAMESPACE).remove("client", KubernetesClient.class);
        KubernetesMockServer server = context.getStore(NAMESPACE).remove("server", KubernetesMockServer.class);
        if (client != null) {
            client.close();
        }
        if (server != null) {
            try {
                server.destroy();
            } catch (RejectedExecutionException e) {
                // The server is down; only the notification of it came too late (see the class comment).
            }
        }
    }
}
