package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Api.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed and hostile requests, each with its expected 4xx and message, against one sidecar with both keys
 * set; after each, the stored data (reports, notes, settings) must be exactly as before. Never a 5xx.
 */
class BadInputTest extends ApiTestBase {
    static final String INGEST = "ingest-key-abc";
    static final String ADMIN = "admin-key-def";

    /** One hostile request: what it sends and what must come back (a fragment of the detail, or of the body). */
    record Case(String name, Function<BadInputTest, Reply> request, int status, String expected) {}

    @Override
    SidecarConfig configure(SidecarConfig config) {
        return config.withAccess(config.access().withApiKey(INGEST).withAdminKey(ADMIN));
    }

    @TestFactory
    Stream<DynamicTest> answersEveryBadRequestWith4xxAndLeavesTheDataAlone() {
        Api admin = api.bearer(ADMIN);
        String id = admin.record(Reports.full("seed").toString());
        admin.post("/api/feedback/" + id + "/notes", "{\"content\": \"seed note\"}");
        admin.put("/api/settings", "{\"github_repo\": \"o/r\"}");
        String before = snapshot(admin);
        return cases(id).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Reply reply = c.request().apply(this);

                    assertThat(reply.status())
                            .as(c.name() + ": " + reply.body())
                            .isEqualTo(c.status());
                    assertThat(reply.body()).as(c.name()).contains(c.expected());
                    assertThat(snapshot(admin))
                            .as(c.name() + " changed the data")
                            .isEqualTo(before);
                }));
    }

    private static String snapshot(Api admin) {
        return admin.get("/api/export?format=json").body()
                + admin.get("/api/settings").body();
    }

    private Api admin() {
        return api.bearer(ADMIN);
    }

    private Reply ingest(String body) {
        return api.bearer(INGEST).post("/api/feedback", body);
    }

    private static String report(String field, String rawJsonValue) {
        var body = Reports.minimal("x");
        body.remove(field);
        String json = body.toString();
        return rawJsonValue == null
                ? json
                : json.substring(0, json.length() - 1) + ",\"" + field + "\":" + rawJsonValue + "}";
    }

    private static List<Case> cases(String id) {
        String long10001 = "\"" + "a".repeat(10_001) + "\"";
        String manyTools = "[" + String.join(",", Collections.nCopies(501, "\"t\"")) + "]";
        return List.of(
                new Case("malformed JSON", t -> t.ingest("{\"what_i_needed\": "), 400, "not valid JSON"),
                new Case("array body", t -> t.ingest("[]"), 400, "must be a JSON object"),
                new Case("string body", t -> t.ingest("\"hello\""), 400, "must be a JSON object"),
                new Case("empty body", t -> t.ingest(""), 400, "empty"),
                new Case(
                        "invalid UTF-8",
                        t -> t.api.bearer(INGEST).raw("POST", "/api/feedback", "application/json", new byte[] {
                            '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
                        }),
                        400,
                        "not valid JSON"),
                new Case(
                        "deeply nested JSON",
                        t -> t.ingest("{\"context\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                        400,
                        "not valid JSON"),
                new Case(
                        "number for a text field",
                        t -> t.ingest(report("what_i_needed", "42")),
                        422,
                        "what_i_needed must be a string, got the number 42"),
                new Case(
                        "missing what_i_tried",
                        t -> t.ingest(report("what_i_tried", null)),
                        422,
                        "what_i_tried is required"),
                new Case("missing gap_type", t -> t.ingest(report("gap_type", null)), 422, "gap_type is required"),
                new Case(
                        "blank what_i_needed",
                        t -> t.ingest(report("what_i_needed", "\"  \\n \"")),
                        422,
                        "must not be blank"),
                new Case(
                        "unknown gap_type lists the allowed values",
                        t -> t.ingest(report("gap_type", "\"feature_request\"")),
                        422,
                        "\"allowed\":[\"missing_tool\",\"incomplete_results\",\"missing_parameter\",\"wrong_format\",\"other\"]"),
                new Case(
                        "gap_type in the wrong case",
                        t -> t.ingest(report("gap_type", "\"MISSING_TOOL\"")),
                        422,
                        "is not a valid gap_type"),
                new Case(
                        "gap_type as a number",
                        t -> t.ingest(report("gap_type", "1")),
                        422,
                        "gap_type must be a string"),
                new Case(
                        "unknown resolution",
                        t -> t.ingest(Reports.minimal("x")
                                .put("resolution", "gave_up")
                                .toString()),
                        422,
                        "\"allowed\":[\"blocked\",\"worked_around\",\"partial\"]"),
                new Case(
                        "tools_available as a string",
                        t -> t.ingest(report("tools_available", "\"a,b\"")),
                        422,
                        "tools_available must be an array of strings"),
                new Case(
                        "tools_available with numbers",
                        t -> t.ingest(report("tools_available", "[1,2]")),
                        422,
                        "must be a string"),
                new Case(
                        "too many tools", t -> t.ingest(report("tools_available", manyTools)), 422, "the limit is 500"),
                new Case(
                        "overlong tool name",
                        t -> t.ingest(report("tools_available", "[\"" + "t".repeat(201) + "\"]")),
                        422,
                        "longer than 200"),
                new Case(
                        "overlong what_i_needed",
                        t -> t.ingest(report("what_i_needed", long10001)),
                        422,
                        "the limit is 10000"),
                new Case(
                        "overlong server_name",
                        t -> t.ingest(report("server_name", "\"" + "s".repeat(201) + "\"")),
                        422,
                        "the limit is 200"),
                new Case(
                        "context as an array",
                        t -> t.ingest(report("context", "[1]")),
                        422,
                        "context must be a JSON object"),
                new Case(
                        "context as a string",
                        t -> t.ingest(report("context", "\"{}\"")),
                        422,
                        "context must be a JSON object"),
                new Case(
                        "idempotency header and field differ",
                        t -> t.api.bearer(INGEST)
                                .with("Idempotency-Key", "a")
                                .post("/api/feedback", report("idempotency_key", "\"b\"")),
                        422,
                        "differ"),
                new Case(
                        "overlong idempotency key",
                        t -> t.api.bearer(INGEST)
                                .with("Idempotency-Key", "k".repeat(201))
                                .post("/api/feedback", Reports.minimal("x").toString()),
                        422,
                        "longer than 200"),
                new Case(
                        "body over the limit",
                        t -> t.ingest(report("suggestion", "\"" + "x".repeat(1_100_000) + "\"")),
                        413,
                        "larger than the limit"),
                new Case(
                        "declared length over the limit",
                        t -> RawHttp.exchange(
                                t.sidecar.port(),
                                "POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + INGEST
                                        + "\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n"),
                        413,
                        "larger than the limit"),
                new Case(
                        "no ingest key",
                        t -> t.api.post("/api/feedback", Reports.minimal("x").toString()),
                        401,
                        "Authorization: Bearer"),
                new Case(
                        "wrong ingest key",
                        t -> t.api.bearer("guess")
                                .post("/api/feedback", Reports.minimal("x").toString()),
                        401,
                        "wrong"),
                new Case(
                        "basic auth instead of bearer",
                        t -> t.api.with("Authorization", "Basic YWRtaW46YWRtaW4=")
                                .post("/api/feedback", Reports.minimal("x").toString()),
                        401,
                        "Authorization: Bearer"),
                new Case(
                        "ingest key for admin reads",
                        t -> t.api.bearer(INGEST).get("/api/feedback"),
                        401,
                        "FEEDBACK_ADMIN_KEY"),
                new Case(
                        "ingest key for delete",
                        t -> t.api.bearer(INGEST).delete("/api/feedback/" + id),
                        401,
                        "FEEDBACK_ADMIN_KEY"),
                new Case(
                        "no key for settings",
                        t -> t.api.put("/api/settings", "{\"github_repo\": \"evil/r\"}"),
                        401,
                        "FEEDBACK_ADMIN_KEY"),
                new Case(
                        "text/plain body",
                        t -> t.api.bearer(INGEST)
                                .raw(
                                        "POST",
                                        "/api/feedback",
                                        "text/plain",
                                        Reports.minimal("x").toString().getBytes(StandardCharsets.UTF_8)),
                        415,
                        "application/json"),
                new Case(
                        "form post",
                        t -> t.api.bearer(INGEST)
                                .raw(
                                        "POST",
                                        "/api/feedback",
                                        "application/x-www-form-urlencoded",
                                        "what_i_needed=x".getBytes(StandardCharsets.UTF_8)),
                        415,
                        "application/json"),
                new Case(
                        "multipart post",
                        t -> t.admin()
                                .raw(
                                        "POST",
                                        "/api/feedback/" + id + "/notes",
                                        "multipart/form-data; boundary=x",
                                        "--x--".getBytes(StandardCharsets.UTF_8)),
                        415,
                        "application/json"),
                new Case(
                        "no content type",
                        t -> t.admin().raw("PUT", "/api/settings", null, "{}".getBytes(StandardCharsets.UTF_8)),
                        415,
                        "application/json"),
                new Case(
                        "foreign Host header",
                        t -> RawHttp.exchange(
                                t.sidecar.port(),
                                "GET /api/feedback HTTP/1.1\r\nHost: attacker.example\r\nAuthorization: Bearer " + ADMIN
                                        + "\r\n\r\n"),
                        403,
                        "Host header"),
                new Case("SQL in the id", t -> t.admin().get("/api/feedback/x'%20OR%20'1'='1"), 404, "was not found"),
                new Case(
                        "SQL in a delete id",
                        t -> t.admin().delete("/api/feedback/x';DROP%20TABLE%20feedback;--"),
                        404,
                        "was not found"),
                new Case(
                        "SQL in a filter finds nothing",
                        t -> t.admin().get("/api/feedback?server_name=x'%20OR%20'1'='1"),
                        200,
                        "[]"),
                new Case(
                        "SQL and wildcards in q find nothing",
                        t -> t.admin().get("/api/feedback?q=%25'%20OR%201=1--"),
                        200,
                        "[]"),
                new Case("limit not a number", t -> t.admin().get("/api/feedback?limit=ten"), 422, "limit must be"),
                new Case("limit zero", t -> t.admin().get("/api/feedback?limit=0"), 422, "from 1 to 500"),
                new Case("negative offset", t -> t.admin().get("/api/feedback?offset=-5"), 422, "offset must be"),
                new Case(
                        "reviewed not a boolean",
                        t -> t.admin().get("/api/feedback?reviewed=maybe"),
                        422,
                        "reviewed must be true or false"),
                new Case("since not a date", t -> t.admin().get("/api/stats?since=last%20week"), 422, "ISO-8601"),
                new Case("export format unknown", t -> t.admin().get("/api/export?format=xlsx"), 422, "\"allowed\""),
                new Case(
                        "reviewed as a string",
                        t -> t.admin().patch("/api/feedback/" + id, "{\"reviewed\": \"yes\"}"),
                        422,
                        "reviewed must be true or false"),
                new Case(
                        "review of an unknown id",
                        t -> t.admin().patch("/api/feedback/nope", "{}"),
                        404,
                        "was not found"),
                new Case(
                        "blank note",
                        t -> t.admin().post("/api/feedback/" + id + "/notes", "{\"content\": \" \"}"),
                        422,
                        "content is required"),
                new Case(
                        "note as a number",
                        t -> t.admin().post("/api/feedback/" + id + "/notes", "{\"content\": 5}"),
                        422,
                        "content is required"),
                new Case(
                        "overlong note",
                        t -> t.admin().post("/api/feedback/" + id + "/notes", "{\"content\": " + long10001 + "}"),
                        422,
                        "longer than 10000"),
                new Case(
                        "note on an unknown report",
                        t -> t.admin().post("/api/feedback/nope/notes", "{\"content\": \"x\"}"),
                        404,
                        "was not found"),
                new Case(
                        "unknown setting",
                        t -> t.admin().put("/api/settings", "{\"shell\": \"rm -rf /\"}"),
                        422,
                        "is not a setting"),
                new Case(
                        "unknown provider",
                        t -> t.admin().put("/api/settings", "{\"llm_provider\": \"gemini\"}"),
                        422,
                        "\"allowed\":[\"anthropic\",\"openai\"]"),
                new Case(
                        "setting as a number",
                        t -> t.admin().put("/api/settings", "{\"llm_model\": 4}"),
                        422,
                        "must be a string"),
                new Case(
                        "setting with a newline",
                        t -> t.admin().put("/api/settings", "{\"anthropic_api_key\": \"a\\nEVIL=1\"}"),
                        422,
                        "one line"),
                new Case(
                        "repo not owner/name",
                        t -> t.admin().put("/api/settings", "{\"github_repo\": \"../../etc\"}"),
                        422,
                        "owner/name"),
                new Case("unknown API path", t -> t.admin().get("/api/nothing"), 404, "no GET /api/nothing endpoint"),
                new Case(
                        "unsupported method",
                        t -> t.admin().put("/api/feedback/" + id, "{}"),
                        405,
                        "accepts GET, PATCH, DELETE"));
    }
}
