package dev.patchworkmcp.sidecar.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Webhooks, their delivery log and the thresholds already announced, in the database. Thread-safe. */
public final class WebhookStore {
    private static final String COLUMNS =
            "id, url, secret, format, events, server_name, thresholds, enabled, created_at";
    private static final TypeReference<Map<String, Double>> THRESHOLDS = new TypeReference<>() {};

    private final Database database;
    private final Clock clock;

    public WebhookStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void save(Webhook hook) {
        database.transaction(tx -> {
            tx.delete("DELETE FROM insight_webhooks WHERE id = ?", hook.id());
            tx.insert(
                    "INSERT INTO insight_webhooks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    hook.id(),
                    hook.url(),
                    hook.secret(),
                    hook.format().wireName(),
                    String.join(",", hook.events().stream().sorted().toList()),
                    hook.serverName(),
                    json(hook.thresholds()),
                    hook.enabled() ? 1 : 0,
                    Timestamps.format(hook.createdAt()));
            return null;
        });
    }

    public List<Webhook> list() {
        return database.read(db -> {
            try (Stream<DbRow> rows =
                    db.query("SELECT " + COLUMNS + " FROM insight_webhooks ORDER BY created_at, id")) {
                return rows.map(WebhookStore::webhook).toList();
            }
        });
    }

    public Optional<Webhook> find(String id) {
        return database.read(db -> db.get("SELECT " + COLUMNS + " FROM insight_webhooks WHERE id = ?", id)
                .map(WebhookStore::webhook));
    }

    public boolean delete(String id) {
        return database.transaction(tx -> {
            tx.delete("DELETE FROM insight_webhook_deliveries WHERE webhook_id = ?", id);
            tx.delete("DELETE FROM insight_webhook_crossings WHERE webhook_id = ?", id);
            return tx.delete("DELETE FROM insight_webhooks WHERE id = ?", id) > 0;
        });
    }

    public void log(DeliveryAttempt attempt) {
        database.write(db -> db.insert(
                "INSERT INTO insight_webhook_deliveries (id, delivery_id, webhook_id, event, attempt, status_code, ok,"
                        + " error, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                attempt.deliveryId(),
                attempt.webhookId(),
                attempt.event(),
                attempt.attempt(),
                attempt.statusCode(),
                attempt.ok() ? 1 : 0,
                attempt.error(),
                Timestamps.format(attempt.at())));
    }

    /** The latest attempts of a webhook, newest first. */
    public List<DeliveryAttempt> deliveries(String webhookId, int limit) {
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT delivery_id, webhook_id, event, attempt, status_code, ok, error, timestamp"
                            + " FROM insight_webhook_deliveries WHERE webhook_id = ? ORDER BY timestamp DESC, attempt DESC"
                            + " LIMIT ?",
                    webhookId,
                    limit)) {
                return rows.map(row -> new DeliveryAttempt(
                                Rows.text(row, "delivery_id"),
                                Rows.text(row, "webhook_id"),
                                Rows.text(row, "event"),
                                (int) Rows.number(row, "attempt"),
                                (int) Rows.number(row, "status_code"),
                                Rows.text(row, "error"),
                                Rows.number(row, "ok") != 0,
                                OffsetDateTime.parse(Rows.text(row, "timestamp"))
                                        .toInstant()))
                        .toList();
            }
        });
    }

    /** Records that {@code name} was crossed; false when it already had been (so it is announced once). */
    public boolean cross(String webhookId, String clusterId, String name) {
        return database.write(db -> db.insert(
                        "INSERT INTO insight_webhook_crossings (webhook_id, cluster_id, name, crossed_at)"
                                + " VALUES (?, ?, ?, ?) ON CONFLICT (webhook_id, cluster_id, name) DO NOTHING",
                        webhookId,
                        clusterId,
                        name,
                        Timestamps.now(clock)))
                > 0;
    }

    private static Webhook webhook(DbRow row) {
        String events = Rows.text(row, "events");
        return new Webhook(
                Rows.text(row, "id"),
                Rows.text(row, "url"),
                Rows.text(row, "secret"),
                WebhookFormat.fromWire(Rows.text(row, "format")),
                new LinkedHashSet<>(events.isEmpty() ? List.of() : Arrays.asList(events.split(","))),
                Rows.text(row, "server_name"),
                thresholds(Rows.text(row, "thresholds")),
                Rows.number(row, "enabled") != 0,
                OffsetDateTime.parse(Rows.text(row, "created_at")).toInstant());
    }

    private static Map<String, Double> thresholds(String json) {
        try {
            return json.isEmpty() ? Map.of() : Json.MAPPER.readValue(json, THRESHOLDS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String json(Map<String, Double> thresholds) {
        try {
            return Json.MAPPER.writeValueAsString(thresholds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("thresholds could not be written as JSON", e);
        }
    }
}
