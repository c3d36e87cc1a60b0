package io.jenkins.plugins.mlpipeline.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads and writes the registry's JSON files. Writes go to a temporary file in the same directory, are forced to
 * disk, and are renamed over the target atomically, so a reader (which takes no lock) sees either the old or the
 * new complete file, and a crash leaves at worst a stray {@code .*.tmp} file that the registry ignores.
 */
final class RegistryFiles {

    // Unknown fields are ignored so that files written by a newer plugin version stay readable.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RegistryFiles() {
    }

    /**
     * @return the parsed file, or empty if it does not exist
     * @throws CorruptRegistryFileException if it exists but is not valid JSON of the expected shape
     */
    static <T> Optional<T> read(Path file, TypeReference<T> type, String remedy) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new CorruptRegistryFileException(file, describe(e, bytes.length), remedy);
        }
        if (value == null) {
            throw new CorruptRegistryFileException(file, "it holds JSON null", remedy);
        }
        return Optional.of(value);
    }

    private static String describe(JsonProcessingException e, int length) {
        if (length == 0) {
            return "it is empty";
        }
        String message = e.getOriginalMessage();
        if (e.getLocation() != null) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    static void writeAtomically(Path file, Object value) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Without this a crash soon after the rename can leave an empty file under the final name.
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
