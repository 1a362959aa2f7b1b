package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out, without writing anything, what wrapping or unwrapping does to one config file: which entries change
 * and the file's new text. Writing is {@link ConfigWriter}'s job, so {@code --dry-run} and the real run share every
 * decision. Stateless and thread-safe.
 */
public final class ConfigRewriter {

    /** Which way to rewrite. */
    public enum Mode {
        WRAP,
        UNWRAP
    }

    /** A config file to rewrite, and the client it belongs to when known. */
    public record Target(Path path, Optional<ClientKind> client) {
        public String label() {
            return client.map(ClientKind::displayName).orElse("Config");
        }
    }

    /** What happened to one entry; {@code location} names the server map (e.g. {@code mcpServers}). */
    public record EntryResult(String location, String name, EntryChange change, JsonNode after) {}

    /**
     * The outcome for one file: every entry considered, the new text (equal to the old when nothing changed), and
     * whether that text keeps everything but the changed entries byte for byte ({@code inPlace}; false only when an
     * entry could not be located and the whole document was re-serialised, which drops comments).
     */
    public record Plan(
            Target target, ConfigDocument document, List<EntryResult> entries, String newText, boolean inPlace) {
        public Plan {
            entries = List.copyOf(entries);
        }

        public boolean changed() {
            return entries.stream().anyMatch(entry -> entry.change() instanceof EntryChange.Changed);
        }

        /** The unified diff between the file as read and as it would be written. */
        public String diff() {
            String path = document.path().toString();
            return LineDiff.unified(path, path + " (patchwork wrap)", document.text(), newText);
        }
    }

    private final String launcher;

    public ConfigRewriter(String launcher) {
        this.launcher = launcher;
    }

    /** Plans the rewrite of one file; {@code only} (empty = every entry) limits it to the named servers. */
    public Plan plan(Target target, Mode mode, Set<String> only) {
        boolean allowComments =
                target.client().map(client -> client == ClientKind.VSCODE).orElse(true);
        ConfigDocument document = ConfigDocument.read(target.path(), allowComments);
        ObjectNode root = document.copyOfRoot();
        ConfigFormat format = target.client().map(ClientKind::format).orElseGet(() -> ConfigFormat.detect(root));
        EntryWrapper wrapper = new EntryWrapper(launcher, format);
        EntryEdits edits = new EntryEdits(document);
        List<EntryResult> results = new ArrayList<>();
        for (ConfigFormat.ServerMap map : format.serverMaps(root)) {
            for (String name : List.copyOf(
                    map.servers().properties().stream().map(Map.Entry::getKey).toList())) {
                if (!only.isEmpty() && !only.contains(name)) {
                    continue;
                }
                JsonNode entry = map.servers().get(name);
                EntryChange change = mode == Mode.WRAP ? wrapper.wrap(name, entry) : wrapper.unwrap(name, entry);
                if (change instanceof EntryChange.Changed changed && entry instanceof ObjectNode before) {
                    edits.replace(append(map.path(), name), before, changed.entry());
                    map.servers().set(name, changed.entry());
                }
                results.add(new EntryResult(
                        map.location(), name, change, map.servers().get(name)));
            }
        }
        return new Plan(target, document, results, edits.apply(root), edits.inPlace());
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return longer;
    }
}
