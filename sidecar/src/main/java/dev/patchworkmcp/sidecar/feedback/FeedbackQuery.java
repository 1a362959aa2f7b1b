package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Dialect;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Texts;
import io.helidon.common.parameters.Parameters;
import io.helidon.dbclient.DbExecute;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The filters shared by the list, stats and export endpoints, and the page window of the list. Empty strings
 * mean "no filter", as in the original. {@code since} is inclusive, {@code until} exclusive; both are stored
 * timestamps (see {@link Timestamps}). Immutable.
 */
public record FeedbackQuery(
        String serverName,
        String gapType,
        String resolution,
        String sessionId,
        String clientType,
        String clientName,
        String agentModel,
        Boolean reviewed,
        String text,
        String since,
        String until,
        int limit,
        long offset,
        String inferred) {

    /** The values of {@code inferred}: show inferred reports with the others (""), hide them, or only them. */
    public static final List<String> INFERRED_FILTERS = List.of("hide", "only");

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final int MAX_TEXT = 200;

    /** Every report, first page. */
    public static FeedbackQuery all() {
        return new FeedbackQuery("", "", "", "", "", "", "", null, "", "", "", DEFAULT_LIMIT, 0, "");
    }

    /** Parses the query string; invalid values answer 422 naming the parameter. */
    public static FeedbackQuery from(Parameters query) {
        return new FeedbackQuery(
                text(query, "server_name"),
                text(query, "gap_type"),
                text(query, "resolution"),
                text(query, "session_id"),
                text(query, "client_type"),
                text(query, "client_name"),
                text(query, "agent_model"),
                bool(query, "reviewed"),
                text(query, "q"),
                time(query, "since"),
                time(query, "until"),
                (int) number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                number(query, "offset", 0, 0, Long.MAX_VALUE / 2),
                inferredFilter(query));
    }

    public FeedbackQuery withPage(int newLimit, long newOffset) {
        return new FeedbackQuery(
                serverName,
                gapType,
                resolution,
                sessionId,
                clientType,
                clientName,
                agentModel,
                reviewed,
                text,
                since,
                until,
                newLimit,
                newOffset,
                inferred);
    }

    private static String inferredFilter(Parameters query) {
        String value = text(query, "inferred");
        if (!value.isEmpty() && !INFERRED_FILTERS.contains(value)) {
            throw ApiException.notAllowed("inferred", value, INFERRED_FILTERS);
        }
        return value;
    }

    private static String text(Parameters query, String name) {
        String value = query.first(name).orElse("").strip();
        if (value.length() > MAX_TEXT) {
            throw ApiException.invalid(name, name + " is longer than " + MAX_TEXT + " characters.");
        }
        if (value.indexOf('\0') >= 0) {
            // No stored text can hold one on PostgreSQL, and its driver refuses the parameter.
            throw ApiException.invalid(name, name + " contains a NUL character (%00); remove it.");
        }
        return value;
    }

    private static Boolean bool(Parameters query, String name) {
        String value = text(query, name).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> null;
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default ->
                throw ApiException.invalid(
                        name,
                        name + " must be true or false (also 1/0, yes/no, on/off), got '" + Texts.quote(value) + "'.");
        };
    }

    private static long number(Parameters query, String name, long fallback, long min, long max) {
        String value = text(query, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        String range =
                max >= Long.MAX_VALUE / 2 ? "a whole number >= " + min : "a whole number from " + min + " to " + max;
        throw ApiException.invalid(name, name + " must be " + range + ", got '" + Texts.quote(value) + "'.");
    }

    private static String time(Parameters query, String name) {
        String value = text(query, name);
        if (value.isEmpty()) {
            return "";
        }
        try {
            return Timestamps.format(parseInstant(value));
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    name,
                    name + " must be an ISO-8601 date or time such as 2026-02-18 or 2026-02-18T12:00:00Z, got '"
                            + Texts.quote(value) + "'.");
        }
    }

    private static Instant parseInstant(String value) {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
    }

    /**
     * True when every active filter is a column of {@code feedback_summary}, so counts can come from there instead
     * of a scan of the reports.
     */
    boolean summarised() {
        return text.isEmpty()
                && since.isEmpty()
                && until.isEmpty()
                && sessionId.isEmpty()
                && agentModel.isEmpty()
                && inferred.isEmpty();
    }

    /** How the text search is answered (see {@link TextSearch#path}); {@code LIKE} when there is no text. */
    TextSearch.Path textPath(DbExecute db, Dialect dialect) {
        return text.isEmpty() ? TextSearch.Path.LIKE : TextSearch.path(db, dialect, text);
    }

    /** The SQL {@code WHERE} clause (or "") and its parameters for these filters, on unqualified columns. */
    Where where(Dialect dialect, TextSearch.Path textPath) {
        return where(dialect, textPath, "");
    }

    /** The same with every column qualified by {@code prefix} (e.g. {@code "feedback."}) for joins. */
    Where where(Dialect dialect, TextSearch.Path textPath, String prefix) {
        Where.Builder where = new Where.Builder(prefix);
        where.equal("server_name", serverName)
                .equal("gap_type", gapType)
                .equal("resolution", resolution)
                .equal("session_id", sessionId)
                .equal("client_type", clientType)
                .equal("client_name", clientName)
                .equal("agent_model", agentModel);
        if (reviewed != null) {
            where.column("reviewed", "%s = ?", reviewed ? 1 : 0);
        }
        if (!since.isEmpty()) {
            where.column("timestamp", "%s >= ?", since);
        }
        if (!until.isEmpty()) {
            where.column("timestamp", "%s < ?", until);
        }
        if (!text.isEmpty()) {
            TextSearch.add(where, dialect, textPath, text);
        }
        if (!inferred.isEmpty()) {
            // Reports inferred from call records carry this source (see the calls package).
            where.column("source", inferred.equals("hide") ? "%s <> ?" : "%s = ?", "inferred");
        }
        return where.build();
    }
}
