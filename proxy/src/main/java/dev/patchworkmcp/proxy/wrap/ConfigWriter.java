package dev.patchworkmcp.proxy.wrap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;

/**
 * Replaces a client config safely: refuses if the file changed since it was read (clients rewrite their own
 * configs), copies it to a timestamped backup next to it, writes the new text to a temporary file in the same
 * directory with the original's permissions, forces it to disk and moves it over the original atomically. A symlinked
 * config is written through to its target. Thread-safe; one writer per file is assumed.
 */
public final class ConfigWriter {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public ConfigWriter(Clock clock) {
        this.clock = clock;
    }

    /** Writes {@code text} over the document's file and returns the backup's path. */
    public Path replace(ConfigDocument document, String text) {
        Path target = document.path();
        try {
            target = target.toRealPath();
            if (!Arrays.equals(Files.readAllBytes(target), document.bytes())) {
                throw new WrapException(target + " changed while patchwork wrap was working (is the client writing "
                        + "it?); nothing was written, run the command again");
            }
            Path backup = backupPath(target);
            Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
            writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
            return backup;
        } catch (IOException e) {
            throw new WrapException(
                    "cannot write " + target + ": " + e.getMessage() + "; the file was left as it was", e);
        }
    }

    private Path backupPath(Path target) {
        String base = target.getFileName() + ".patchwork-backup-" + STAMP.format(clock.instant());
        Path backup = target.resolveSibling(base);
        for (int n = 2; Files.exists(backup); n++) {
            backup = target.resolveSibling(base + "-" + n);
        }
        return backup;
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            copyPermissions(target, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("this file system cannot replace files atomically (" + e.getMessage() + ")", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            Files.setPosixFilePermissions(to, permissions);
        }
    }
}
