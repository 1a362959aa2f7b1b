package dev.patchworkmcp.proxy.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-only: the JSON schemas the conformance suite's elicitation and JSON Schema 2020-12 scenarios expect. */
final class ConformanceElicitations {
    private ConformanceElicitations() {}

    /** SEP-1034: a default for every primitive type. */
    static Map<String, Object> defaultsSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", Map.of("type", "string", "description", "Name", "default", "John Doe"));
        properties.put("age", Map.of("type", "integer", "description", "Age", "default", 30));
        properties.put("score", Map.of("type", "number", "description", "Score", "default", 95.5));
        properties.put(
                "status",
                Map.of(
                        "type", "string",
                        "description", "Status",
                        "enum", List.of("active", "inactive", "pending"),
                        "default", "active"));
        properties.put("verified", Map.of("type", "boolean", "description", "Verified", "default", true));
        return object(properties);
    }

    /** SEP-1330: the five enum shapes. */
    static Map<String, Object> enumsSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("untitledSingle", Map.of("type", "string", "enum", List.of("option1", "option2", "option3")));
        properties.put(
                "titledSingle",
                Map.of(
                        "type",
                        "string",
                        "oneOf",
                        List.of(
                                Map.of("const", "value1", "title", "First Option"),
                                Map.of("const", "value2", "title", "Second Option"),
                                Map.of("const", "value3", "title", "Third Option"))));
        properties.put(
                "legacyEnum",
                Map.of(
                        "type", "string",
                        "enum", List.of("opt1", "opt2", "opt3"),
                        "enumNames", List.of("Option One", "Option Two", "Option Three")));
        properties.put(
                "untitledMulti",
                Map.of(
                        "type",
                        "array",
                        "items",
                        Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        properties.put(
                "titledMulti",
                Map.of(
                        "type",
                        "array",
                        "items",
                        Map.of(
                                "anyOf",
                                List.of(
                                        Map.of("const", "value1", "title", "First Choice"),
                                        Map.of("const", "value2", "title", "Second Choice"),
                                        Map.of("const", "value3", "title", "Third Choice")))));
        return object(properties);
    }

    /** SEP-1613: a tool input schema using {@code $schema}, {@code $defs} and {@code additionalProperties}. */
    static Map<String, Object> jsonSchema2020() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put(
                "$defs",
                Map.of(
                        "address",
                        Map.of(
                                "type",
                                "object",
                                "properties",
                                Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))));
        schema.put(
                "properties", Map.of("name", Map.of("type", "string"), "address", Map.of("$ref", "#/$defs/address")));
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> object(Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        return schema;
    }
}
