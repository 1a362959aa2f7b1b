package dev.patchworkmcp.sidecar.calls;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.db.Timestamps;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Stores batches of call records with their hourly rollup in one transaction, and answers the per-tool figures
 * from the rollup alone (so the cost of a read depends on hours and tools, not on the number of calls).
 * Thread-safe (state lives in the database).
 */
public final class CallStore {
    private static final String BUCKET_COLUMNS = IntStream.range(0, LatencyHistogram.BUCKETS)
            .mapToObj(LatencyHistogram::column)
            .collect(Collectors.joining(", "));
    private static final String BUCKET_SUMS = IntStream.range(0, LatencyHistogram.BUCKETS)
            .mapToObj(i -> "SUM(" + LatencyHistogram.column(i) + ") AS " + LatencyHistogram.column(i))
            .collect(Collectors.joining(", "));
    private static final String INSERT_CALL = "INSERT INTO calls (batch_id, seq, server_name, method, tool,"
            + " client_name, client_version, session_id, protocol_version, started_at, latency_ms, outcome,"
            + " error_code, error_message, arguments_bytes, result_bytes, redacted_values)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_HOUR = "INSERT INTO call_hours (server_name, method, tool, client_name,"
            + " hour, calls, errors, last_called_at, " + BUCKET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            + String.join(", ", Collections.nCopies(LatencyHistogram.BUCKETS, "?")) + ")"
            + " ON CONFLICT (server_name, method, tool, client_name, hour) DO UPDATE SET"
            + " calls = call_hours.calls + excluded.calls, errors = call_hours.errors + excluded.errors,"
            + " last_called_at = CASE WHEN excluded.last_called_at > call_hours.last_called_at"
            + " THEN excluded.last_called_at ELSE call_hours.last_called_at END, "
            + IntStream.range(0, LatencyHistogram.BUCKETS)
                    .mapToObj(LatencyHistogram::column)
                    .map(c -> c + " = call_hours." + c + " + excluded." + c)
                    .collect(Collectors.joining(", "));

    private final Database database;
    private final Clock clock;

    public CallStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The outcome of an ingest: how many calls were stored, and whether the batch id had been seen before. */
    public record Stored(int calls, boolean duplicate) {}

    /** Calls and errors of one hour, for the chart. */
    public record HourCount(String hour, long calls, long errors) {}

    /** Stores the batch, its rollup and the advertised tools in one transaction; a known batch id changes nothing. */
    public Stored store(CallBatch batch) {
        return database.transaction(tx -> {
            long accepted = tx.insert(
                    "INSERT INTO call_batches (batch_id, server_name, received_at, records, dropped_calls)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING",
                    batch.batchId(),
                    batch.serverName(),
                    Timestamps.now(clock),
                    batch.calls().size(),
                    batch.droppedCalls());
            if (accepted == 0) {
                return new Stored(0, true);
            }
            for (int seq = 0; seq < batch.calls().size(); seq++) {
                tx.insert(INSERT_CALL, callParams(batch, seq).toArray());
            }
            rollUp(tx, batch);
            if (batch.advertisedTools() != null) {
                replaceAdvertised(tx, batch.serverName(), batch.advertisedTools(), Timestamps.now(clock));
            }
            return new Stored(batch.calls().size(), false);
        });
    }

    private static List<Object> callParams(CallBatch batch, int seq) {
        CallRecord call = batch.calls().get(seq);
        return Arrays.asList(
                batch.batchId(),
                seq,
                batch.serverName(),
                call.method(),
                call.tool(),
                call.clientName(),
                call.clientVersion(),
                call.sessionId(),
                call.protocolVersion(),
                call.startedAt(),
                call.latencyMs(),
                call.outcome().wire(),
                call.errorCode(),
                call.errorMessage(),
                call.argumentsBytes(),
                call.resultBytes(),
                call.redactedValues());
    }

    /** Sums the batch per server, method, tool, client and hour first, so each rollup row is written once. */
    private static void rollUp(DbTransaction tx, CallBatch batch) {
        Map<List<String>, Hour> hours = new LinkedHashMap<>();
        for (CallRecord call : batch.calls()) {
            List<String> key = List.of(
                    batch.serverName(), call.method(), call.tool(), call.clientName(), hourOf(call.startedAt()));
            hours.computeIfAbsent(key, k -> new Hour()).add(call);
        }
        hours.forEach((key, hour) -> {
            List<Object> params = new ArrayList<>(key);
            params.add(hour.calls);
            params.add(hour.errors);
            params.add(hour.lastCalledAt);
            for (long count : hour.buckets) {
                params.add(count);
            }
            tx.insert(UPSERT_HOUR, params.toArray());
        });
    }

    private static void replaceAdvertised(DbTransaction tx, String server, List<String> tools, String now) {
        Set<String> known;
        try (Stream<DbRow> rows = tx.query("SELECT tool FROM advertised_tools WHERE server_name = ?", server)) {
            known = rows.map(row -> Rows.text(row, "tool")).collect(Collectors.toSet());
        }
        if (known.equals(Set.copyOf(tools))) {
            return;
        }
        tx.delete("DELETE FROM advertised_tools WHERE server_name = ?", server);
        for (String tool : tools) {
            tx.insert("INSERT INTO advertised_tools (server_name, tool, seen_at) VALUES (?, ?, ?)", server, tool, now);
        }
    }

    /** The start of the hour a stored time falls in, in the stored format. */
    static String hourOf(String storedTime) {
        return storedTime.substring(0, 13) + ":00:00.000000+00:00";
    }

    /** One row per tool called in the range or advertised now; most called first, then by name. */
    public List<ToolFigures> tools(ToolsQuery query) {
        return database.read(db -> {
            List<Object> params = new ArrayList<>();
            String where = query.where(params);
            Map<String, ToolFigures> byTool = new HashMap<>();
            try (Stream<DbRow> rows = db.query(
                    "SELECT tool, SUM(calls) AS calls, SUM(errors) AS errors, MAX(last_called_at) AS last_called_at, "
                            + BUCKET_SUMS + " FROM call_hours" + where + " GROUP BY tool",
                    params.toArray())) {
                rows.forEach(row -> {
                    ToolFigures figures = figures(row, false);
                    byTool.put(figures.tool(), figures);
                });
            }
            for (String tool : advertised(db, query.serverName())) {
                ToolFigures called = byTool.get(tool);
                byTool.put(
                        tool,
                        called == null
                                ? new ToolFigures(tool, 0, 0, null, null, null, true)
                                : new ToolFigures(
                                        tool,
                                        called.calls(),
                                        called.errors(),
                                        called.p50Ms(),
                                        called.p95Ms(),
                                        called.lastCalledAt(),
                                        true));
            }
            return byTool.values().stream()
                    .sorted(Comparator.comparingLong(ToolFigures::calls)
                            .reversed()
                            .thenComparing(ToolFigures::tool))
                    .toList();
        });
    }

    /** Calls and errors per hour over every tool of the server (or one tool), oldest first. */
    public List<HourCount> hours(ToolsQuery query, String tool) {
        return database.read(db -> {
            List<Object> params = new ArrayList<>();
            String where = query.where(params);
            if (!tool.isEmpty()) {
                where += " AND tool = ?";
                params.add(tool);
            }
            try (Stream<DbRow> rows = db.query(
                    "SELECT hour, SUM(calls) AS calls, SUM(errors) AS errors FROM call_hours" + where
                            + " GROUP BY hour ORDER BY hour",
                    params.toArray())) {
                return rows.map(row -> new HourCount(
                                Rows.text(row, "hour"), Rows.number(row, "calls"), Rows.number(row, "errors")))
                        .toList();
            }
        });
    }

    /** Every server that sent calls or advertised tools, by name. */
    public List<String> servers() {
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query("SELECT server_name FROM call_batches UNION"
                    + " SELECT server_name FROM advertised_tools ORDER BY server_name")) {
                return rows.map(row -> Rows.text(row, "server_name")).toList();
            }
        });
    }

    private static List<String> advertised(DbExecute db, String server) {
        try (Stream<DbRow> rows = db.query("SELECT tool FROM advertised_tools WHERE server_name = ?", server)) {
            return rows.map(row -> Rows.text(row, "tool")).toList();
        }
    }

    private static ToolFigures figures(DbRow row, boolean advertised) {
        long[] buckets = new long[LatencyHistogram.BUCKETS];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Rows.number(row, LatencyHistogram.column(i));
        }
        return new ToolFigures(
                Rows.text(row, "tool"),
                Rows.number(row, "calls"),
                Rows.number(row, "errors"),
                LatencyHistogram.quantile(buckets, 0.50),
                LatencyHistogram.quantile(buckets, 0.95),
                Rows.nullableText(row, "last_called_at"),
                advertised);
    }

    /** The running sums of one rollup row while a batch is summed. */
    private static final class Hour {
        long calls;
        long errors;
        String lastCalledAt = "";
        final long[] buckets = new long[LatencyHistogram.BUCKETS];

        void add(CallRecord call) {
            calls++;
            if (call.outcome().failed()) {
                errors++;
            }
            if (call.startedAt().compareTo(lastCalledAt) > 0) {
                lastCalledAt = call.startedAt();
            }
            buckets[LatencyHistogram.bucket(call.latencyMs())]++;
        }
    }
}
