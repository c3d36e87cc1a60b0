package io.jenkins.plugins.mlpipeline.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Registers versions from a separate JVM for {@link RegistryConcurrencyTest}. Arguments: root, model, writer name,
 * count, go-file. Prints {@code ready}, waits until the go-file exists (so that all writers overlap), registers,
 * prints {@code done}.
 */
public final class RegistryWriterMain {

    private RegistryWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        ModelRegistry registry = new ModelRegistry(Path.of(args[0]));
        String model = args[1];
        String writer = args[2];
        int count = Integer.parseInt(args[3]);
        Path go = Path.of(args[4]);
        System.out.println("ready");
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.err.println("no go-file " + go);
                System.exit(2);
            }
            Thread.sleep(2);
        }
        for (int i = 0; i < count; i++) {
            registry.register(new NewVersion(model, List.of(RegistryFixtures.file("model.pt", writer + "#" + i)),
                    null, null, null, Map.of("writer", writer, "i", i), null, writer));
        }
        System.out.println("done");
    }
}
