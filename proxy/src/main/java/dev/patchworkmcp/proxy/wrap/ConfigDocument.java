package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client config file as read: its exact bytes (to detect a concurrent change and to back it up), the JSON tree
 * (key order kept, unknown keys untouched) and its layout (indent, line ends, final newline, byte order mark), so the
 * rewritten file looks like the one the user had. Immutable apart from the tree, which the rewriter edits a copy of.
 */
public final class ConfigDocument {
    private static final Pattern INDENT = Pattern.compile("\\n([ \\t]+)\\S");
    private static final String BOM = "\uFEFF";

    private final Path path;
    private final byte[] bytes;
    private final ObjectNode root;
    private final boolean hadComments;
    private final String indent;
    private final String lineSeparator;
    private final boolean trailingNewline;
    private final boolean byteOrderMark;

    private ConfigDocument(Path path, byte[] bytes, ObjectNode root, boolean hadComments) {
        this.path = path;
        this.bytes = bytes;
        this.root = root;
        this.hadComments = hadComments;
        String text = new String(bytes, StandardCharsets.UTF_8);
        this.byteOrderMark = text.startsWith(BOM);
        this.lineSeparator = text.contains("\r\n") ? "\r\n" : "\n";
        this.trailingNewline = text.isEmpty() || text.endsWith("\n");
        Matcher matcher = INDENT.matcher(text);
        this.indent = !matcher.find() ? "  " : matcher.group(1).startsWith("\t") ? "\t" : matcher.group(1);
    }

    /**
     * Reads and parses a config. An empty file counts as {@code {}}. Comments and trailing commas are accepted only
     * when {@code allowComments} (VS Code reads JSON with comments); a rewrite edits entries in place, so they survive.
     */
    public static ConfigDocument read(Path path, boolean allowComments) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new WrapException("config file " + path + " does not exist; check the path or pick --client");
        } catch (IOException e) {
            throw new WrapException("cannot read " + path + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith(BOM)) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return new ConfigDocument(path, bytes, JsonNodeFactory.instance.objectNode(), false);
        }
        try {
            return new ConfigDocument(path, bytes, parseObject(path, text, false), false);
        } catch (InvalidConfigException strictFailure) {
            if (!allowComments) {
                throw strictFailure;
            }
            return new ConfigDocument(path, bytes, parseObject(path, text, true), true);
        }
    }

    /** An entry's text parsed as JSON with comments, or empty when it is not a JSON object. */
    static Optional<ObjectNode> parseLenient(String text) {
        try {
            return Optional.of(parseObject(Path.of("entry"), text, true));
        } catch (InvalidConfigException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode parseObject(Path path, String text, boolean lenient) {
        JsonFactory factory = lenient
                ? JsonFactory.builder()
                        .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                        .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                        .build()
                : new JsonFactory();
        ObjectMapper mapper = mapper(factory);
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            throw new InvalidConfigException(path, line, column, "invalid JSON: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new InvalidConfigException(
                    path, 1, 1, "the top level is " + tree.getNodeType().name().toLowerCase() + ", expected an object");
        }
        return object;
    }

    private static ObjectMapper mapper(JsonFactory factory) {
        ObjectMapper mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        return mapper;
    }

    public Path path() {
        return path;
    }

    /** The bytes as read; compared with the file again just before it is replaced. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A copy of the parsed tree, to be edited. */
    public ObjectNode copyOfRoot() {
        return root.deepCopy();
    }

    /** The file's text as read (with its byte order mark, if any): what in-place edits start from. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the file had comments or trailing commas (kept by in-place edits, dropped by a whole rewrite). */
    public boolean hadComments() {
        return hadComments;
    }

    /** Serialises a tree in this file's layout. */
    public String render(JsonNode tree) {
        return (byteOrderMark ? BOM : "") + renderValue(tree, "") + (trailingNewline ? lineSeparator : "");
    }

    /**
     * Serialises one value in this file's layout, for a place whose line starts with {@code lineIndent}: the lines
     * after the first are indented from there, as if the whole file had been written in this layout.
     */
    public String renderValue(JsonNode value, String lineIndent) {
        DefaultIndenter indenter = new DefaultIndenter(indent, lineSeparator);
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        try {
            String json = mapper(new JsonFactory()).writer(printer).writeValueAsString(value);
            return json.replace(lineSeparator, lineSeparator + lineIndent);
        } catch (IOException e) {
            throw new WrapException("cannot serialise the rewritten " + path + ": " + e.getMessage(), e);
        }
    }
}
