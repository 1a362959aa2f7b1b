package dev.patchworkmcp.sidecar.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates hostile requests for every sidecar endpoint from one seeded {@link Random}, so a failing run can be
 * replayed exactly: mutated valid reports (wrong types, nulls, huge or control-character strings, deep nesting,
 * duplicate keys, truncated JSON), wrong content types, odd methods, path garbage, bad query parameters, bad ids,
 * oversize bodies, bad auth and bad Host headers, plus a share of valid requests. Not thread-safe.
 */
final class HostileRequests {
    static final String ADMIN = "fuzz-admin-key";
    static final String INGEST = "fuzz-ingest-key";
    static final int MAX_BODY = 16 * 1024;

    private static final List<String> REPORT_FIELDS = List.of(
            "what_i_needed",
            "what_i_tried",
            "gap_type",
            "suggestion",
            "user_goal",
            "resolution",
            "agent_model",
            "tools_available",
            "session_id",
            "client_type",
            "server_name",
            "source",
            "client_name",
            "client_version",
            "protocol_version",
            "context",
            "idempotency_key");
    private static final List<String> QUERY_NAMES = List.of(
            "server_name",
            "gap_type",
            "resolution",
            "session_id",
            "client_type",
            "agent_model",
            "reviewed",
            "q",
            "since",
            "until",
            "limit",
            "offset",
            "format",
            "force");
    private static final List<String> PREFERENCES =
            List.of("github_repo", "default_branch", "llm_provider", "llm_model", "repo_path");
    private static final List<String> SECRETS =
            List.of("github_token", "github_pat", "anthropic_api_key", "openai_api_key");

    private final Random random;
    private final int port;

    HostileRequests(Random random, int port) {
        this.random = random;
        this.port = port;
    }

    /** The next request; {@code knownIds} are ids of stored reports (some requests target them). */
    HostileRequest next(List<String> knownIds) {
        String id = id(knownIds);
        List<Supplier<HostileRequest>> makers = List.of(
                () -> json("valid-report", "POST", "/api/feedback", validReport()),
                () -> json("valid-report", "POST", "/api/feedback", validReport()),
                () -> json("mutated-report", "POST", "/api/feedback", mutatedReport()),
                () -> json("mutated-report", "POST", "/api/feedback", mutatedReport()),
                () -> json("mutated-report", "POST", "/api/feedback", mutatedReport()),
                () -> withHeaders(json("bad-idempotency", "POST", "/api/feedback", validReport()), badIdempotency()),
                () -> json("query", "GET", pick("/api/feedback", "/api/stats", "/api/export") + query(), ""),
                () -> json("by-id", pick("GET", "PATCH", "DELETE"), "/api/feedback/" + id, review()),
                () -> json("note", "POST", "/api/feedback/" + id + "/notes", note()),
                () -> json("drafts", "GET", "/api/feedback/" + id + "/drafts", ""),
                () -> json("draft-pr", "POST", "/api/feedback/" + id + "/draft-pr" + query(), "{}"),
                () -> json("settings", pick("GET", "PUT"), "/api/settings", settings()),
                () -> json("odd-method", oddMethod(), pick(endpoints(id)), pick("", "{}", validReport())),
                () -> json("path-garbage", pick("GET", "POST", "PATCH", "DELETE"), garbagePath(id), validReport()),
                () -> contentType(pick(endpoints(id))),
                () -> oversize(pick(endpoints(id))),
                () -> badAuth(pick(endpoints(id))),
                () -> badHost(pick(endpoints(id))),
                () -> json("health", "GET", "/api/health" + query(), ""));
        return makers.get(random.nextInt(makers.size())).get();
    }

    private HostileRequest json(String kind, String method, String target, String body) {
        return new HostileRequest(
                kind,
                method,
                target,
                List.of("Host: 127.0.0.1:" + port, "Authorization: Bearer " + ADMIN, "Content-Type: application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HostileRequest withHeaders(HostileRequest request, List<String> more) {
        List<String> lines = new ArrayList<>(request.headerLines());
        lines.addAll(more);
        return new HostileRequest(request.kind(), request.method(), request.target(), lines, request.body());
    }

    private static HostileRequest replacing(HostileRequest request, String kind, String name, String line) {
        List<String> lines = new ArrayList<>(request.headerLines());
        lines.removeIf(existing -> existing.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        if (line != null) {
            lines.add(line);
        }
        return new HostileRequest(kind, request.method(), request.target(), lines, request.body());
    }

    private String[] endpoints(String id) {
        return new String[] {
            "/api/feedback",
            "/api/feedback/" + id,
            "/api/feedback/" + id + "/notes",
            "/api/feedback/" + id + "/drafts",
            "/api/feedback/" + id + "/draft-pr",
            "/api/stats",
            "/api/export",
            "/api/events",
            "/api/settings",
            "/api/health",
            "/metrics",
            "/api/nothing-here"
        };
    }

    private String validReport() {
        return "{\"what_i_needed\":\"fuzz " + random.nextInt(1_000_000) + "\",\"what_i_tried\":\"listed tools\","
                + "\"gap_type\":\"" + pick("missing_tool", "incomplete_results", "missing_parameter", "other")
                + "\",\"server_name\":\"fuzz\",\"tools_available\":[\"a\",\"b\"],\"context\":{\"recent_calls\":[]}}";
    }

    private String mutatedReport() {
        String body = validReport();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            body = switch (random.nextInt(7)) {
                case 0, 1, 2 -> withField(body, pick(REPORT_FIELDS), hostileValue());
                case 3 ->
                    "{\"" + pick(REPORT_FIELDS) + "\":" + hostileValue() + ","
                            + (body.length() > 1 ? body.substring(1) : "}");
                case 4 -> body.isEmpty() ? body : body.substring(0, random.nextInt(body.length()));
                case 5 -> withField(body, hostileText(), hostileValue());
                default -> pick("[" + body + "]", "\uFEFF" + body, body + body, body + "}", "null", "42", "");
            };
        }
        return body;
    }

    /** Appends (or repeats, making a duplicate key) a field with a raw JSON value. */
    private static String withField(String body, String name, String rawValue) {
        if (!body.endsWith("}")) {
            return body + ",\"" + name + "\":" + rawValue;
        }
        String prefix = body.substring(0, body.length() - 1);
        String separator = prefix.strip().endsWith("{") ? "" : ",";
        return prefix + separator + "\"" + escape(name) + "\":" + rawValue + "}";
    }

    /** A raw JSON value, often of the wrong type, sometimes not valid JSON at all. */
    private String hostileValue() {
        return switch (random.nextInt(14)) {
            case 0 -> "null";
            case 1 -> pick("true", "false", "0", "-1", "1e400", "-0", "3.14", "99999999999999999999999999");
            case 2 -> "\"" + "x".repeat(random.nextInt(40_000)) + "\"";
            case 3 -> "\"" + escape(hostileText()) + "\"";
            case 4 -> nested(1 + random.nextInt(3_000));
            case 5 -> pick("[]", "{}", "[null]", "[1,2,3]", "[\"a\",{\"b\":[]}]", "[\"" + "t".repeat(5000) + "\"]");
            case 6 -> pick("NaN", "undefined", "'single'", "01", "[1,]", "{\"a\":}", "\"unterminated", "tru");
            case 7 -> "\"" + pick("missing_tool", "MISSING_TOOL", "", " ", "blocked", "partial") + "\"";
            case 8 -> "\"\\ud800\\udc00\\ud800 lone surrogate\"";
            case 9 -> "\"\\u0000\\u0001\\u001f\\u007f NUL and control\"";
            case 10 -> "\"' OR 1=1; DROP TABLE feedback; --\"";
            case 11 -> "[" + "\"tool\",".repeat(random.nextInt(2_000)) + "\"last\"]";
            case 12 -> "{\"recent_calls\":" + nested(random.nextInt(1_200)) + "}";
            default -> "\"" + "9".repeat(random.nextInt(2_000)) + "\"";
        };
    }

    private String nested(int depth) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    /** Text with unicode, NUL, control characters, SQL and markup. */
    private String hostileText() {
        return pick(
                "\u0000",
                "nul\u0000in the middle",
                "\u0007\u0008\u001b[31mred",
                "\u202Eright-to-left",
                "emoji \uD83D\uDE00 and \u4E2D\u6587",
                "<script>alert(1)</script>",
                "%00%0d%0a",
                "a\r\nSet-Cookie: x=1",
                "' OR '1'='1",
                "\\",
                "\"",
                "",
                " ".repeat(300),
                "\uFFFF\uFFFE");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String query() {
        if (random.nextInt(4) == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        int parameters = 1 + random.nextInt(3);
        for (int i = 0; i < parameters; i++) {
            query.append(i == 0 ? "" : "&")
                    .append(pick(QUERY_NAMES))
                    .append('=')
                    .append(pick(
                            "-1",
                            "0",
                            "abc",
                            "100000000000000000000",
                            "501",
                            "9223372036854775807",
                            "-9223372036854775808",
                            "1.5",
                            "",
                            "%00",
                            "%ZZ",
                            "%E2%80%AE",
                            "true",
                            "maybe",
                            "2026-02-30",
                            "2026-13-01T00:00:00Z",
                            "yesterday",
                            "2026-02-18T12:00:00%2B25:00",
                            "x".repeat(250),
                            "csv",
                            "xml",
                            "json",
                            "ndjson",
                            "missing_tool",
                            "%27%20OR%201%3D1--",
                            "+",
                            "%20"));
        }
        return query.toString();
    }

    private String id(List<String> knownIds) {
        if (!knownIds.isEmpty() && random.nextInt(3) == 0) {
            return knownIds.get(random.nextInt(knownIds.size()));
        }
        return pick(
                "00000000-0000-0000-0000-000000000000",
                "not-a-uuid",
                "%27%3B%20DROP%20TABLE%20feedback%3B--",
                "x".repeat(3_000),
                "%00",
                "%E2%80%AE",
                "..%2F..%2Fetc%2Fpasswd",
                "-1",
                "99999999999999999999999");
    }

    private String review() {
        return pick(
                "",
                "{}",
                "{\"reviewed\":true}",
                "{\"reviewed\":false}",
                "{\"reviewed\":null}",
                "{\"reviewed\":\"yes\"}",
                "{\"reviewed\":1}",
                "{\"reviewed\":[]}",
                "[]",
                "{\"reviewed\":",
                "{\"reviewed\":true,\"reviewed\":7}");
    }

    private String note() {
        return pick(
                "{\"content\":\"a note\"}",
                "{\"content\":\"\"}",
                "{\"content\":\"   \"}",
                "{\"content\":null}",
                "{\"content\":42}",
                "{\"content\":" + hostileValue() + "}",
                "{\"content\":\"" + "n".repeat(10_001) + "\"}",
                "{}",
                "[]",
                "{\"content\":\"ok\"");
    }

    private String settings() {
        String key = random.nextInt(4) == 0 ? pick(SECRETS) : pick(PREFERENCES);
        // Secrets only ever get values of the wrong type (refused): a stored LLM key would let draft-pr reach out.
        String value = SECRETS.contains(key) ? pick("1", "true", "[]", "{}", "[\"k\"]") : hostileValue();
        return pick("{\"" + key + "\":" + value + "}", "{\"unknown_key\":\"x\"}", "{}", "[]", "{\"" + key + "\":");
    }

    private List<String> badIdempotency() {
        return List.of(pick(
                "Idempotency-Key: ",
                "Idempotency-Key: " + "k".repeat(5_000),
                "Idempotency-Key: fuzz-repeat",
                "Idempotency-Key: \u00e9\u00e8",
                "Idempotency-Key: a\tb"));
    }

    private String oddMethod() {
        return pick("PUT", "TRACE", "OPTIONS", "HEAD", "PROPFIND", "FOO", "PATCH", "DELETE", "POST");
    }

    private String garbagePath(String id) {
        return pick(
                "/api/feedback/../../etc/passwd",
                "/api/%2e%2e/%2e%2e/etc/passwd",
                "/api/feedback/%ZZ",
                "/api/%00",
                "//api//feedback",
                "/api/feedback/" + id + "/notes/extra",
                "/api/feedback/" + id + "/" + "deep/".repeat(200),
                "/api/" + "a".repeat(4_000),
                "/api/feedback;jsessionid=1",
                "/api/feedback/%E2%80%AE",
                "/api/feedback?limit=1&limit=2&limit=abc",
                "/API/FEEDBACK",
                "/api/feedback/\u00e9",
                "/metrics/../api/settings",
                "/api/settings/extra");
    }

    private HostileRequest contentType(String target) {
        HostileRequest request = json("content-type", pick("POST", "PUT", "PATCH"), target, validReport());
        return replacing(
                request,
                "content-type",
                "Content-Type",
                pick(
                        null,
                        "Content-Type: text/plain",
                        "Content-Type: application/x-www-form-urlencoded",
                        "Content-Type: multipart/form-data; boundary=x",
                        "Content-Type: application/jsonx",
                        "Content-Type: application/json; charset=utf-16",
                        "Content-Type: ",
                        "Content-Type: */*"));
    }

    private HostileRequest oversize(String target) {
        byte[] body = ("{\"what_i_needed\":\"" + "o".repeat(MAX_BODY + random.nextInt(MAX_BODY)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HostileRequest request = json("oversize", pick("POST", "PUT", "PATCH"), target, "");
        return new HostileRequest(request.kind(), request.method(), request.target(), request.headerLines(), body);
    }

    private HostileRequest badAuth(String target) {
        HostileRequest request = json("bad-auth", pick("GET", "POST", "PATCH", "PUT", "DELETE"), target, validReport());
        return replacing(
                request,
                "bad-auth",
                "Authorization",
                pick(
                        null,
                        "Authorization: Bearer wrong",
                        "Authorization: Bearer ",
                        "Authorization: Basic " + ADMIN,
                        "Authorization: bearer " + ADMIN + "x",
                        "Authorization: Bearer " + ADMIN.substring(1),
                        "Authorization: Bearer " + "k".repeat(6_000),
                        "Authorization: Bearer " + INGEST,
                        "Authorization: " + ADMIN));
    }

    private HostileRequest badHost(String target) {
        HostileRequest request = json("bad-host", pick("GET", "POST", "DELETE"), target, validReport());
        return replacing(
                request,
                "bad-host",
                "Host",
                pick(
                        null,
                        "Host: evil.example",
                        "Host: 127.0.0.1.evil.example",
                        "Host: localhost.evil.example:" + port,
                        "Host: [::1",
                        "Host: 0.0.0.0",
                        "Host: 10.0.0.1:" + port,
                        "Host: localhost:abc"));
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
