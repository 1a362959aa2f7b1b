package dev.patchworkmcp.examples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The cost events the example server answers from: the embedded sample data set, newest first. Read-only after
 * construction, so thread-safe.
 */
public final class CostLedger {
    /** The sample data set packaged with the example. */
    public static final String SAMPLE_RESOURCE = "/cost-events.json";

    private final List<CostEvent> events;

    public CostLedger(List<CostEvent> events) {
        this.events = events.stream()
                .sorted(Comparator.comparing(CostEvent::at).reversed())
                .toList();
    }

    /** The ledger over the embedded sample data set. */
    public static CostLedger sample() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = CostLedger.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE_RESOURCE + " is missing from the classpath; rebuild the jar");
            }
            JsonNode root = mapper.readTree(in);
            List<CostEvent> events = new ArrayList<>();
            for (JsonNode event : root.path("events")) {
                events.add(mapper.treeToValue(event, CostEvent.class));
            }
            return new CostLedger(events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample data set " + SAMPLE_RESOURCE, e);
        }
    }

    /** The matching events, newest first. */
    public List<CostEvent> events(CostQuery query) {
        return events.stream().filter(query::matches).toList();
    }

    /** Total spend, tokens and event count of the matching events, grouped by {@code groupBy}. */
    public Map<String, Object> costs(CostQuery query, String groupBy) {
        Function<CostEvent, String> key = switch (groupBy) {
            case "customer" -> CostEvent::customer;
            case "model" -> CostEvent::model;
            case "day" -> event -> event.timestamp().substring(0, 10);
            default -> CostEvent::service;
        };
        List<CostEvent> matching = events(query);
        Map<String, List<CostEvent>> groups = new TreeMap<>();
        matching.forEach(event ->
                groups.computeIfAbsent(key.apply(event), k -> new ArrayList<>()).add(event));
        List<Map<String, Object>> breakdown = new ArrayList<>();
        groups.forEach((name, group) -> breakdown.add(totals(group, groupBy, name)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("filters", query.asMap());
        result.putAll(totals(matching, null, null));
        result.put("group_by", groupBy);
        result.put("groups", breakdown);
        return result;
    }

    /** The distinct services and customers in the data set, so an agent knows what it can filter by. */
    public Map<String, Object> catalogue() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(
                "services",
                new TreeSet<>(events.stream().map(CostEvent::service).toList()));
        result.put(
                "customers",
                new TreeSet<>(events.stream().map(CostEvent::customer).toList()));
        result.put("first_day", events.getLast().timestamp().substring(0, 10));
        result.put("last_day", events.getFirst().timestamp().substring(0, 10));
        result.put("event_count", events.size());
        return result;
    }

    private static Map<String, Object> totals(List<CostEvent> events, String keyName, String key) {
        Map<String, Object> totals = new LinkedHashMap<>();
        if (keyName != null) {
            totals.put(keyName, key);
        }
        BigDecimal cost = events.stream().map(CostEvent::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        totals.put("cost_usd", cost.setScale(6, RoundingMode.HALF_UP));
        totals.put("event_count", events.size());
        totals.put(
                "input_tokens",
                events.stream().mapToLong(CostEvent::inputTokens).sum());
        totals.put(
                "output_tokens",
                events.stream().mapToLong(CostEvent::outputTokens).sum());
        return totals;
    }
}
