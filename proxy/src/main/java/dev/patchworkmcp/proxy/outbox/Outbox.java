package dev.patchworkmcp.proxy.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A directory of reports not yet delivered to the sidecar, one {@code <millis>-<idempotency key>.json} file
 * each, written durably (file and directory fsynced) before the agent is told "recorded". Reports the sidecar
 * refuses for good move to {@code rejected/} next to a {@code .reason.txt}; entries that are not reports at all
 * (a directory, an empty file, text that is not JSON) move to {@code quarantine/} the same way. Several proxies may share one
 * outbox: every operation tolerates a file another process already delivered. Thread-safe.
 */
public final class Outbox {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final String SUFFIX = ".json";

    private final Path directory;

    public Outbox(Path directory) {
        this.directory = directory;
    }

    /** The outbox directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Writes one report and makes it durable.
     *
     * @param idempotencyKey the report's idempotency key (letters, digits and dashes)
     * @param json the request body to POST later
     * @return the file written
     * @throws OutboxException when the directory cannot be created or written
     */
    public Path write(String idempotencyKey, String json) {
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotency key '" + idempotencyKey + "' is not [A-Za-z0-9-]+");
        }
        String name = String.format("%013d-%s", System.currentTimeMillis(), idempotencyKey);
        Path tmp = directory.resolve("." + name + ".tmp");
        Path target = directory.resolve(name + SUFFIX);
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(tmp, target);
            syncDirectory(directory);
            return target;
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(tmp);
            throw new OutboxException(
                    "could not write the report to the outbox " + directory + ": " + describe(e)
                            + " (check that the directory is writable and the disk has space, or pass "
                            + "--outbox <dir>)",
                    e);
        }
    }

    /** The reports waiting for delivery, oldest first. */
    public List<Path> pending() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            return files;
        }
        files.sort(null);
        return files;
    }

    /** The idempotency key of a pending report file. */
    public static String keyOf(Path report) {
        String name = report.getFileName().toString();
        String stem = name.substring(0, name.length() - SUFFIX.length());
        int dash = stem.indexOf('-');
        return dash < 0 ? stem : stem.substring(dash + 1);
    }

    /** Reads a pending report, or null when another process delivered it meanwhile. */
    public String read(Path report) throws IOException {
        try {
            return Files.readString(report, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Why {@code entry} can never be delivered (a directory, an unreadable or empty file, text that is not one
     * JSON object, a name without an idempotency key), or null when it is a report. Its text is in {@code json},
     * null when it could not be read.
     */
    public static String defectOf(Path entry, String json) {
        if (Files.isDirectory(entry)) {
            return "a directory, not a file";
        }
        if (json == null) {
            return "not a readable file";
        }
        if (!KEY.matcher(keyOf(entry)).matches()) {
            return "its name does not end in an idempotency key (<millis>-<key>.json)";
        }
        if (json.isBlank()) {
            return "empty";
        }
        return JsonObjectCheck.defectOf(json);
    }

    /**
     * Moves an entry that can never be delivered to {@code quarantine/}, with the reason beside it, so that it no
     * longer holds up the reports behind it.
     */
    public Path quarantine(Path entry, String reason) throws IOException {
        return moveAside(entry, "quarantine", reason);
    }

    /** Removes a delivered report; a report already gone is fine. */
    public void delivered(Path report) throws IOException {
        Files.deleteIfExists(report);
        syncDirectory(directory);
    }

    /** Moves a report the sidecar refused for good to {@code rejected/}, with the reason beside it. */
    public Path reject(Path report, String reason) throws IOException {
        return moveAside(report, "rejected", reason);
    }

    private Path moveAside(Path entry, String folderName, String reason) throws IOException {
        Path folder = directory.resolve(folderName);
        Files.createDirectories(folder);
        Path target = folder.resolve(entry.getFileName());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = folder.resolve(entry.getFileName() + "." + System.currentTimeMillis());
        }
        Files.writeString(folder.resolve(target.getFileName() + ".reason.txt"), reason + System.lineSeparator());
        try {
            move(entry, target);
        } catch (NoSuchFileException e) {
            return target;
        }
        syncDirectory(folder);
        syncDirectory(directory);
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or sync a directory; the file itself is already synced.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a leftover hidden .tmp file is never delivered
        }
    }

    private static String describe(Exception e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? type : type + " " + e.getMessage();
    }
}
