package dev.patchworkmcp.sidecar.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.patchworkmcp.sidecar.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The secrets file: a JSON object of secret name to value, readable by the owner only (0600). Written whole to a
 * 0600 temporary file in the same directory, synced, then atomically moved over the old one, so a crash leaves
 * either the old or the new file, never a torn or world-readable one. Callers serialise writes.
 */
final class SecretsFile {
    private static final System.Logger LOG = System.getLogger(SecretsFile.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    SecretsFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    Map<String, String> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            tightenPermissions();
            return Map.copyOf(Json.MAPPER.readValue(file.toFile(), MAP));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The secrets file " + file + " cannot be read as a JSON object; fix or"
                            + " delete it (then set the secrets again in the dashboard).",
                    e);
        }
    }

    void write(Map<String, String> secrets) {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
            Path temp = POSIX
                    ? Files.createTempFile(
                            dir, ".patchwork-secrets", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".patchwork-secrets", ".tmp");
            try {
                byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new TreeMap<>(secrets));
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(bytes));
                    channel.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The secrets file " + file + " could not be written; check that its"
                            + " directory is writable or set FEEDBACK_SECRETS_FILE.",
                    e);
        }
    }

    private void tightenPermissions() throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The secrets file {0} was readable by others; setting it to 0600.",
                    file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
