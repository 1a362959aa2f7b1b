package dev.patchworkmcp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The feedback tool as defined by {@code drop-ins/contract/feedback-tool.schema.json}: its name, description
 * and input schema, read from the classpath so that the proxy, the sidecar and the Java drop-in cannot drift
 * apart. Instances are immutable; {@link #inputSchema()} returns a fresh copy each time, so it is thread-safe.
 */
public final class FeedbackToolContract {

    /** Classpath location of the schema file. */
    public static final String SCHEMA_RESOURCE = "/patchwork/contract/feedback-tool.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String title;
    private final String description;
    private final ObjectNode inputSchema;
    private final String rawJson;

    private FeedbackToolContract(String rawJson, ObjectNode root) {
        this.rawJson = rawJson;
        this.name = root.path("name").asText();
        this.title = root.path("title").asText();
        this.description = root.path("description").asText();
        this.inputSchema = (ObjectNode) root.path("inputSchema");
    }

    /** Loads the contract packaged with this module. */
    public static FeedbackToolContract load() {
        try (InputStream in = FeedbackToolContract.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The feedback tool contract " + SCHEMA_RESOURCE
                        + " is not on the classpath; add the patchwork-contract artifact.");
            }
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new FeedbackToolContract(raw, (ObjectNode) JSON.readTree(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the feedback tool contract " + SCHEMA_RESOURCE, e);
        }
    }

    /** The tool name agents see by default: {@code feedback}. */
    public String name() {
        return name;
    }

    /** A short human title for the tool. */
    public String title() {
        return title;
    }

    /** The directive description that tells agents when to call the tool. */
    public String description() {
        return description;
    }

    /** A fresh copy of the JSON schema of the tool's arguments. */
    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    /** The schema file exactly as packaged. */
    public String rawJson() {
        return rawJson;
    }

    /** The allowed values of an enum property, e.g. {@code gap_type}; empty when the property has none. */
    public List<String> allowedValues(String property) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : inputSchema.path("properties").path(property).path("enum")) {
            values.add(value.asText());
        }
        return List.copyOf(values);
    }

    /** The names of the required properties. */
    public List<String> requiredProperties() {
        List<String> values = new ArrayList<>();
        for (JsonNode value : inputSchema.path("required")) {
            values.add(value.asText());
        }
        return List.copyOf(values);
    }

    /** The maximum length of a string property (or of each item of an array property), or -1 for none. */
    public int maxLength(String property) {
        JsonNode node = inputSchema.path("properties").path(property);
        JsonNode max = node.has("items") ? node.path("items").path("maxLength") : node.path("maxLength");
        return max.isInt() ? max.asInt() : -1;
    }
}
