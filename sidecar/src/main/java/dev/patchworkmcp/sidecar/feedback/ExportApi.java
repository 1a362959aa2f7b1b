package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/export?format=csv|json|ndjson} with the list filters: streams every matching report, newest
 * first, without a cap and without holding them all in memory. Thread-safe.
 */
public final class ExportApi implements HttpService {
    static final List<String> FORMATS = List.of("csv", "json", "ndjson");
    static final List<String> CSV_COLUMNS = List.of(
            "id",
            "timestamp",
            "server_name",
            "gap_type",
            "resolution",
            "what_i_needed",
            "what_i_tried",
            "suggestion",
            "user_goal",
            "agent_model",
            "tools_available",
            "session_id",
            "client_type",
            "reviewed",
            "pr_url",
            "source",
            "client_name",
            "client_version",
            "protocol_version",
            "notes");

    private final FeedbackStore store;

    public ExportApi(FeedbackStore store) {
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::export);
    }

    private void export(ServerRequest req, ServerResponse res) {
        String format = req.query().first("format").orElse("json").strip();
        if (!FORMATS.contains(format)) {
            throw ApiException.notAllowed("format", format, FORMATS);
        }
        FeedbackQuery query = FeedbackQuery.from(req.query());
        String type = switch (format) {
            case "csv" -> "text/csv; charset=utf-8";
            case "ndjson" -> "application/x-ndjson";
            default -> Json.CONTENT_TYPE;
        };
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"feedback." + format + "\"");
        try (OutputStream out = res.outputStream()) {
            switch (format) {
                case "csv" -> csv(query, out);
                case "ndjson" -> ndjson(query, out);
                default -> json(query, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void csv(FeedbackQuery query, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CsvWriter csv = new CsvWriter(writer);
        csv.row(CSV_COLUMNS);
        store.forEach(query, feedback -> csv.row(cells(feedback)));
        writer.flush();
    }

    private void ndjson(FeedbackQuery query, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        store.forEach(query, feedback -> {
            try {
                writer.write(Json.text(FeedbackJson.item(feedback)));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.flush();
    }

    private void json(FeedbackQuery query, OutputStream out) throws IOException {
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            generator.writeStartArray();
            store.forEach(query, feedback -> {
                try {
                    generator.writeObject(FeedbackJson.item(feedback));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            generator.writeEndArray();
        }
    }

    private static List<String> cells(Feedback feedback) {
        FeedbackInput r = feedback.report();
        List<String> notes = new ArrayList<>();
        feedback.notes().forEach(note -> notes.add(note.timestamp() + ": " + note.content()));
        return List.of(
                feedback.id(),
                feedback.timestamp(),
                r.serverName(),
                r.gapType(),
                r.resolution(),
                r.whatINeeded(),
                r.whatITried(),
                r.suggestion(),
                r.userGoal(),
                r.agentModel(),
                String.join(";", r.toolsAvailable()),
                r.sessionId(),
                r.clientType(),
                Boolean.toString(feedback.reviewed()),
                feedback.prUrl(),
                r.source(),
                r.clientName(),
                r.clientVersion(),
                r.protocolVersion(),
                String.join("\n", notes));
    }
}
