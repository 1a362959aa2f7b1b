package dev.patchworkmcp.sidecar.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's wire form, byte for byte: the dashboard, the export and the drop-ins read these keys in order. */
class FeedbackJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FeedbackInput FULL = new FeedbackInput(
            "costs",
            "a date range",
            "get_costs",
            "missing_parameter",
            "add start_date",
            "monthly report",
            "blocked",
            "claude-sonnet",
            List.of("get_costs", "list_accounts"),
            "s1",
            "claude-code",
            "proxy",
            "curl/8",
            "Claude Code",
            "2.1",
            "2025-11-25",
            "{\"recent_calls\":[{\"name\":\"get_costs\"}]}",
            "key-1");

    private static final FeedbackInput SPARSE = sparse("a date range", null);

    /** A report with only the required fields, and {@code context} as stored. */
    private static FeedbackInput sparse(String needed, String context) {
        List<String> none = List.of();
        String absent = null;
        return new FeedbackInput(
                "costs", needed, absent, absent, absent, absent, absent, absent, none, absent, absent, absent, absent,
                absent, absent, absent, context, absent);
    }

    @Test
    void writesEveryFieldOfAReportInTheOriginalsOrder() throws Exception {
        Feedback feedback = new Feedback(
                "id-1",
                "2026-12-06T10:00:00+00:00",
                FULL,
                true,
                "https://x/pull/1",
                List.of(new Note("n-1", "id-1", "2026-12-06T11:00:00+00:00", "checked")),
                "c-1");

        String json = JSON.writeValueAsString(FeedbackJson.item(feedback));

        assertThat(json)
                .isEqualTo(
                        "{\"id\":\"id-1\",\"server_name\":\"costs\",\"timestamp\":\"2026-12-06T10:00:00+00:00\","
                                + "\"what_i_needed\":\"a date range\",\"what_i_tried\":\"get_costs\","
                                + "\"gap_type\":\"missing_parameter\",\"suggestion\":\"add start_date\","
                                + "\"user_goal\":\"monthly report\",\"resolution\":\"blocked\","
                                + "\"agent_model\":\"claude-sonnet\",\"tools_available\":[\"get_costs\",\"list_accounts\"],"
                                + "\"session_id\":\"s1\",\"client_type\":\"claude-code\",\"reviewed\":true,"
                                + "\"pr_url\":\"https://x/pull/1\",\"cluster_id\":\"c-1\",\"source\":\"proxy\","
                                + "\"user_agent\":\"curl/8\",\"client_name\":\"Claude Code\",\"client_version\":\"2.1\","
                                + "\"protocol_version\":\"2025-11-25\",\"context\":{\"recent_calls\":[{\"name\":\"get_costs\"}]},"
                                + "\"notes\":[{\"id\":\"n-1\",\"timestamp\":\"2026-12-06T11:00:00+00:00\",\"content\":\"checked\"}]}");
    }

    @Test
    void writesAbsentFieldsAsNullAndUnreadableContextAsNull() throws Exception {
        Feedback sparse = new Feedback("id-2", "2026-12-06T10:00:00+00:00", SPARSE, false, "", List.of());
        Feedback badContext =
                new Feedback("id-3", "2026-12-06T10:00:00+00:00", sparse("x", "{not json"), false, null, List.of());

        String json = JSON.writeValueAsString(FeedbackJson.item(sparse));

        assertThat(json)
                .isEqualTo("{\"id\":\"id-2\",\"server_name\":\"costs\",\"timestamp\":\"2026-12-06T10:00:00+00:00\","
                        + "\"what_i_needed\":\"a date range\",\"what_i_tried\":null,\"gap_type\":null,"
                        + "\"suggestion\":null,\"user_goal\":null,\"resolution\":null,\"agent_model\":null,"
                        + "\"tools_available\":[],\"session_id\":null,\"client_type\":null,\"reviewed\":false,"
                        + "\"pr_url\":\"\",\"cluster_id\":null,\"source\":null,\"user_agent\":null,"
                        + "\"client_name\":null,\"client_version\":null,\"protocol_version\":null,\"context\":null,"
                        + "\"notes\":[]}");
        assertThat(JSON.writeValueAsString(FeedbackJson.item(badContext)))
                .contains("\"pr_url\":null,")
                .endsWith("\"context\":null,\"notes\":[]}");
    }

    @Test
    void appendsTheDraftHistoryToTheSingleItemForm() throws Exception {
        Feedback feedback = new Feedback("id-1", "2026-12-06T10:00:00+00:00", SPARSE, false, "", List.of());
        DraftRecord running = new DraftRecord(
                "d-1",
                "id-1",
                "running",
                "",
                "",
                "",
                "anthropic",
                "claude",
                0,
                0,
                "",
                "2026-12-06T12:00:00+00:00",
                null);

        String json = JSON.writeValueAsString(FeedbackJson.detail(feedback, List.of(running)));

        assertThat(json)
                .endsWith("\"notes\":[],\"drafts\":[{\"id\":\"d-1\",\"feedback_id\":\"id-1\",\"status\":\"running\","
                        + "\"pr_url\":\"\",\"branch\":\"\",\"commit_sha\":\"\",\"provider\":\"anthropic\","
                        + "\"model\":\"claude\",\"input_tokens\":0,\"output_tokens\":0,\"error\":\"\","
                        + "\"created_at\":\"2026-12-06T12:00:00+00:00\",\"finished_at\":null}]}");
    }
}
