package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one server entry so that it runs through {@code patchwork proxy}, and back.
 *
 * <p>A stdio entry keeps its place, its {@code env} and every other key; only {@code command} becomes the launcher
 * and {@code args} become {@code proxy --name <key> -- <command> <args...>}. A {@code url} entry becomes a stdio entry
 * running {@code proxy --url} with one {@code --header} per header. The original entry is kept under the private key
 * {@value #PRIVATE_KEY} so {@link #unwrap} restores it exactly; if a client dropped that key, the original is rebuilt
 * from the proxy's arguments. Stateless and thread-safe.
 */
public final class EntryWrapper {
    /** The key under which a wrapped entry keeps {@code {"original": <entry as it was>}}. */
    public static final String PRIVATE_KEY = "_patchwork";

    private static final Set<String> LAUNCHER_NAMES = Set.of("patchwork", "patchwork.cmd", "patchwork.bat");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String launcher;
    private final ConfigFormat format;

    /** {@code launcher} is the absolute path of the {@code patchwork} script written into every wrapped entry. */
    public EntryWrapper(String launcher, ConfigFormat format) {
        this.launcher = launcher;
        this.format = format;
    }

    /** Routes the entry named {@code name} through the proxy. */
    public EntryChange wrap(String name, JsonNode node) {
        if (!(node instanceof ObjectNode entry)) {
            return new EntryChange.Skipped("is not a JSON object");
        }
        if (isWrapped(entry)) {
            return repoint(entry);
        }
        if (entry.get("command") != null && entry.get("command").isTextual()) {
            return wrapStdio(name, entry);
        }
        if (entry.get("url") != null && entry.get("url").isTextual()) {
            return wrapUrl(name, entry);
        }
        return new EntryChange.Skipped("has neither \"command\" nor \"url\"");
    }

    /** An entry we wrapped from another clone (the repository moved) is pointed at this launcher. */
    private EntryChange repoint(ObjectNode entry) {
        String command = entry.path("command").asText();
        if (!(entry.get(PRIVATE_KEY) instanceof ObjectNode) || command.equals(launcher)) {
            return new EntryChange.Unchanged("already runs through the proxy");
        }
        ObjectNode moved = entry.deepCopy();
        moved.put("command", launcher);
        return new EntryChange.Changed(moved, "now runs the proxy from " + launcher + " (was " + command + ")");
    }

    private EntryChange wrapStdio(String name, ObjectNode entry) {
        JsonNode originalArgs = entry.get("args");
        if (originalArgs != null && !originalArgs.isArray()) {
            return new EntryChange.Skipped("its \"args\" is not a list");
        }
        ArrayNode args = proxyArgs(name).add("--").add(entry.get("command").asText());
        if (originalArgs != null) {
            originalArgs.forEach(arg -> args.add(arg.isTextual() ? arg.asText() : arg.toString()));
        }
        ObjectNode wrapped = JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            switch (field.getKey()) {
                case "command" -> {
                    wrapped.put("command", launcher);
                    wrapped.set("args", args);
                }
                case "args" -> {}
                default -> wrapped.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        wrapped.set(PRIVATE_KEY, JSON.objectNode().set("original", entry.deepCopy()));
        return new EntryChange.Changed(wrapped, "runs " + describe(args));
    }

    private EntryChange wrapUrl(String name, ObjectNode entry) {
        JsonNode headers = entry.get("headers");
        if (headers != null && !headers.isObject()) {
            return new EntryChange.Skipped("its \"headers\" is not an object");
        }
        ArrayNode args = proxyArgs(name).add("--url").add(entry.get("url").asText());
        if ("sse".equals(entry.path("type").asText())
                || "sse".equals(entry.path("transport").asText())) {
            args.add("--transport").add("sse");
        }
        if (headers != null) {
            headers.properties()
                    .forEach(header -> args.add("--header")
                            .add(header.getKey() + ": " + header.getValue().asText()));
        }
        ObjectNode wrapped = JSON.objectNode();
        if (format.requiresType() && !entry.has("type")) {
            wrapped.put("type", "stdio");
        }
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            switch (field.getKey()) {
                case "url" -> {
                    wrapped.put("command", launcher);
                    wrapped.set("args", args);
                }
                case "type" -> wrapped.put("type", "stdio");
                case "headers", "transport" -> {}
                default -> wrapped.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        wrapped.set(PRIVATE_KEY, JSON.objectNode().set("original", entry.deepCopy()));
        return new EntryChange.Changed(wrapped, "relays " + entry.get("url").asText());
    }

    private static ArrayNode proxyArgs(String name) {
        return JSON.arrayNode().add("proxy").add("--name").add(name);
    }

    /** Restores the entry as it was before {@link #wrap}. */
    public EntryChange unwrap(String name, JsonNode node) {
        if (!(node instanceof ObjectNode entry) || !isWrapped(entry)) {
            return new EntryChange.Unchanged("does not run through the proxy");
        }
        if (entry.path(PRIVATE_KEY).get("original") instanceof ObjectNode original) {
            return new EntryChange.Changed(original.deepCopy(), "restored as it was");
        }
        return rebuild(entry);
    }

    /** Rebuilds an original from the proxy's arguments, for wrapped entries whose private key a client dropped. */
    private EntryChange rebuild(ObjectNode entry) {
        ProxyArguments proxy = ProxyArguments.parse(textList(entry.get("args")));
        if (proxy.child().isEmpty() && proxy.url() == null) {
            return new EntryChange.Skipped("runs the proxy with arguments we cannot read; restore it from a backup");
        }
        ObjectNode original = JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            switch (field.getKey()) {
                case "command" -> putTarget(original, proxy);
                case "args", PRIVATE_KEY -> {}
                case "type" -> original.put("type", proxy.url() == null ? "stdio" : proxy.sse() ? "sse" : "http");
                default -> {
                    if (proxy.url() == null || !field.getKey().equals("env")) {
                        original.set(field.getKey(), field.getValue().deepCopy());
                    }
                }
            }
        }
        return new EntryChange.Changed(original, "rebuilt from the proxy's arguments");
    }

    private static void putTarget(ObjectNode original, ProxyArguments proxy) {
        if (proxy.url() == null) {
            original.put("command", proxy.child().getFirst());
            ArrayNode args = original.putArray("args");
            proxy.child().subList(1, proxy.child().size()).forEach(args::add);
            return;
        }
        original.put("url", proxy.url());
        if (!proxy.headers().isEmpty()) {
            ObjectNode headers = original.putObject("headers");
            proxy.headers().forEach(headers::put);
        }
    }

    /** Whether the entry already runs through the proxy, wrapped by us or written by hand. */
    public static boolean isWrapped(ObjectNode entry) {
        if (entry.get(PRIVATE_KEY) instanceof ObjectNode) {
            return true;
        }
        JsonNode command = entry.get("command");
        JsonNode args = entry.get("args");
        if (command == null || !command.isTextual() || args == null || !args.isArray() || args.isEmpty()) {
            return false;
        }
        String file = command.asText().replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        return LAUNCHER_NAMES.contains(file) && "proxy".equals(args.get(0).asText());
    }

    private static List<String> textList(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static String describe(ArrayNode args) {
        List<String> child = textList(args);
        return String.join(" ", child.subList(child.indexOf("--") + 1, child.size()));
    }
}
