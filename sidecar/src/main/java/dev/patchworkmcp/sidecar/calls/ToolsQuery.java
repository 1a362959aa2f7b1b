package dev.patchworkmcp.sidecar.calls;

import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Texts;
import io.helidon.common.parameters.Parameters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The filters of {@code GET /api/tools}: the server (required), a time range and a client. Figures are kept per
 * hour, so the range selects every hour it touches: {@code since} from the start of its hour, {@code until}
 * (exclusive) up to the end of the hour before it unless it falls inside one. Immutable.
 */
public record ToolsQuery(String serverName, String since, String until, String clientName) {

    public static ToolsQuery from(Parameters query) {
        String server = query.first("server_name").orElse("").strip();
        if (server.isEmpty()) {
            throw ApiException.invalid(
                    "server_name", "server_name is required: the server whose tools to show (see /api/tools/servers).");
        }
        return new ToolsQuery(
                server,
                time(query, "since", true),
                time(query, "until", false),
                query.first("client_name").orElse("").strip());
    }

    /** The WHERE clause over {@code call_hours} (tools/call only) and its parameters, in order. */
    String where(List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE server_name = ? AND method = 'tools/call'");
        params.add(serverName);
        if (!since.isEmpty()) {
            sql.append(" AND hour >= ?");
            params.add(since);
        }
        if (!until.isEmpty()) {
            sql.append(" AND hour < ?");
            params.add(until);
        }
        if (!clientName.isEmpty()) {
            sql.append(" AND client_name = ?");
            params.add(clientName);
        }
        return sql.toString();
    }

    private static String time(Parameters query, String name, boolean floorToHour) {
        String value = query.first(name).orElse("").strip();
        if (value.isEmpty()) {
            return "";
        }
        Instant instant;
        try {
            instant = value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    name,
                    name + " '" + Texts.quote(value)
                            + "' is not a date (2026-07-28) or an ISO-8601 time with an offset (2026-07-28T12:00:00Z).");
        }
        String text = Timestamps.format(instant);
        return floorToHour ? CallStore.hourOf(text) : text;
    }
}
