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
 * running {@code proxy --url} with one {@code --header-env} per header, whose value moves to {@code env} (see
 * {@link HeaderSecrets}). The original entry is kept under the private key
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
            return headersInArguments(entry) ? moveHeadersToEnv(name, entry) : repoint(entry);
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

    /** Whether an entry we wrapped before header values moved to {@code env} still has them in its arguments. */
    private static boolean headersInArguments(ObjectNode entry) {
        return entry.path(PRIVATE_KEY).get("original") instanceof ObjectNode original
                && original.get("url") != null
                && textList(entry.get("args")).contains("--header");
    }

    /** Wraps the kept original again, so header values leave the arguments; its kept text follows, redacted. */
    private EntryChange moveHeadersToEnv(String name, ObjectNode entry) {
        ObjectNode original = (ObjectNode) entry.path(PRIVATE_KEY).get("original");
        if (!(wrapUrl(name, original) instanceof EntryChange.Changed changed)) {
            return new EntryChange.Unchanged("already runs through the proxy");
        }
        ObjectNode wrapped = changed.entry();
        JsonNode keptText = entry.path(PRIVATE_KEY).path(EntryEdits.ORIGINAL_TEXT);
        ObjectNode patchwork = (ObjectNode) wrapped.get(PRIVATE_KEY);
        if (keptText.isTextual()) {
            HeaderSecrets.redactText(
                            keptText.asText(), HeaderSecrets.values(patchwork.get("original"), wrapped.get("env")))
                    .ifPresent(text -> patchwork.put(EntryEdits.ORIGINAL_TEXT, text));
        }
        return new EntryChange.Changed(wrapped, "header values moved from the proxy's arguments to \"env\"");
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
        ObjectNode env = entry.get("env") instanceof ObjectNode existing ? existing.deepCopy() : JSON.objectNode();
        ObjectNode original = entry.deepCopy();
        if (headers != null) {
            ObjectNode keptHeaders = (ObjectNode) original.get("headers");
            headers.properties().forEach(header -> {
                String variable = HeaderSecrets.variableFor(header.getKey(), env);
                env.put(variable, header.getValue().asText());
                args.add("--header-env").add(header.getKey() + "=" + variable);
                keptHeaders.put(header.getKey(), HeaderSecrets.placeholder(variable));
            });
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
                case "headers" -> {
                    if (!entry.has("env") && !env.isEmpty()) {
                        wrapped.set("env", env);
                    }
                }
                case "env" -> wrapped.set("env", env);
                case "transport" -> {}
                default -> wrapped.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        wrapped.set(PRIVATE_KEY, JSON.objectNode().set("original", original));
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
            Map<String, String> headerValues = HeaderSecrets.values(original, entry.get("env"));
            if (headerValues.containsValue(null)) {
                return new EntryChange.Skipped("a header value it keeps in \"env\" is gone; restore it from a backup");
            }
            return new EntryChange.Changed(HeaderSecrets.restore(original, headerValues), "restored as it was");
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
                case "command" -> putTarget(original, proxy, entry.get("env"));
                case "args", PRIVATE_KEY -> {}
                case "type" -> original.put("type", proxy.url() == null ? "stdio" : proxy.sse() ? "sse" : "http");
                case "env" -> {
                    ObjectNode env = field.getValue().deepCopy() instanceof ObjectNode copy ? copy : null;
                    if (env != null && proxy.url() != null) {
                        proxy.headerVariables().values().forEach(env::remove);
                    }
                    if (env == null || proxy.url() == null || !env.isEmpty()) {
                        original.set("env", env == null ? field.getValue().deepCopy() : env);
                    }
                }
                default -> original.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return new EntryChange.Changed(original, "rebuilt from the proxy's arguments");
    }

    private static void putTarget(ObjectNode original, ProxyArguments proxy, JsonNode env) {
        if (proxy.url() == null) {
            original.put("command", proxy.child().getFirst());
            ArrayNode args = original.putArray("args");
            proxy.child().subList(1, proxy.child().size()).forEach(args::add);
            return;
        }
        original.put("url", proxy.url());
        if (!proxy.headers().isEmpty() || !proxy.headerVariables().isEmpty()) {
            ObjectNode headers = original.putObject("headers");
            proxy.headers().forEach(headers::put);
            proxy.headerVariables()
                    .forEach((name, variable) -> headers.put(
                            name, env == null ? "" : env.path(variable).asText()));
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
