package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.Api.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code q}: a case-insensitive substring of what_i_needed, what_i_tried, suggestion, user_goal or server_name,
 * every character literal. Answered by the trigram index from 3 characters on and by a scan below that; both
 * must give exactly what a plain substring search gives, on both databases.
 */
class TextSearchTest extends ApiTestBase {
    private static final List<String> FIELDS =
            List.of("what_i_needed", "what_i_tried", "suggestion", "user_goal", "server_name");

    /** Texts with everything LIKE, FTS5 or SQL could read as syntax. Non-ASCII letters are lower-case only. */
    private static final List<String> TEXTS = List.of(
            "Search costs BY run_id",
            "100% coverage of the_api",
            "say \"hello\" AND * NEAR(x, y)",
            "back\\slash and 'single quotes'",
            "col:value ^caret -minus +plus",
            "{braces} (parens) [brackets]",
            "emoji \uD83D\uDE00 party \uD83C\uDF89 time",
            "straße café naïve ünïcödé",
            "tabs\tand  double  spaces",
            "'; DROP TABLE feedback; --",
            "OR NOT AND",
            "xyz_%_xyz",
            "\"\"\"",
            "what_i_needed:secret",
            "a*b*c? [!x] %% __");

    @Test
    void findsASubstringInEachSearchedField() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String field : FIELDS) {
            ObjectNode report = Reports.minimal("plain report");
            report.put("server_name", "srv");
            report.put(field, "Needle-in-" + field.toUpperCase(Locale.ROOT));
            ids.put(field, api.record(report.toString()));
        }

        for (String field : FIELDS) {
            JsonNode found = search("needle-IN-" + field);
            assertThat(ids(found)).as(field).containsExactly(ids.get(field));
        }
        assertThat(ids(search("NEEDLE"))).containsExactlyInAnyOrderElementsOf(ids.values());
    }

    @Test
    void matchesShortQueriesToo() {
        String ab = api.record(report("xy ab", "srv").toString());
        api.record(report("nothing here", "srv").toString());

        assertThat(ids(search("AB"))).containsExactly(ab);
        assertThat(ids(search("b"))).containsExactly(ab);
        assertThat(search("qz")).isEmpty();
    }

    @Test
    void readsQuerySyntaxAsLiteralCharacters() {
        List<String> ids = recordCorpus();
        sidecar.parts().feedback().indexText();

        for (String query : List.of(
                "\"",
                "\"\"",
                "\"hello\"",
                "AND",
                "hello AND",
                "AND *",
                "OR NOT",
                "NEAR(x",
                "NEAR(x, y)",
                "*",
                "cost*",
                "col:",
                "what_i_needed:secret",
                "needed:",
                "^caret",
                "-minus",
                "+plus",
                "{braces}",
                "(parens)",
                "'; DROP TABLE feedback; --",
                "%",
                "_",
                "_%_",
                "%%",
                "\\",
                "\\slash",
                "'",
                "?",
                "[!x]")) {
            Reply reply = api.get("/api/feedback?limit=500&q=" + encode(query));
            assertThat(reply.status()).as(query).isEqualTo(200);
            assertThat(ids(reply.json())).as(query).containsExactlyInAnyOrderElementsOf(expected(ids, query));
        }
        assertThat(api.get("/api/feedback?limit=500").json()).hasSize(ids.size());
    }

    @Test
    void agreesWithAPlainSubstringSearchOnRandomQueries() {
        List<String> ids = recordCorpus();

        // As stored (SQLite: some reports may wait for the background indexer), then with every report indexed.
        searchRandomly(ids, new Random(20261126));
        sidecar.parts().feedback().indexText();
        searchRandomly(ids, new Random(20261127));
    }

    private void searchRandomly(List<String> ids, Random random) {
        for (int i = 0; i < 40; i++) {
            String text = TEXTS.get(random.nextInt(TEXTS.size()));
            int start = random.nextInt(text.length());
            int end = Math.min(text.length(), start + 1 + random.nextInt(8));
            if (Character.isHighSurrogate(text.charAt(end - 1)) && end < text.length()) {
                end++;
            }
            if (Character.isLowSurrogate(text.charAt(start))) {
                start--;
            }
            String query = flipAsciiCase(text.substring(start, end), random);
            if (query.isBlank()) {
                continue;
            }

            Reply reply = api.get("/api/feedback?limit=500&q=" + encode(query));

            assertThat(reply.status()).as(query).isEqualTo(200);
            assertThat(ids(reply.json())).as(query).containsExactlyInAnyOrderElementsOf(expected(ids, query));
            assertThat(reply.header("X-Total-Count"))
                    .as(query)
                    .isEqualTo(Integer.toString(expected(ids, query).size()));
        }
    }

    @Test
    void findsACommonTextAndARareTextExactlyAsASubstringSearchDoes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ObjectNode report = report("Search cost events by run_id " + i, i % 2 == 0 ? "cost-tracker" : "git_hub");
            report.put("suggestion", i % 10 == 3 ? "add search_costs(run_id)" : "");
            ids.add(api.record(report.toString()));
        }
        sidecar.parts().feedback().indexText();

        // The first is in every report (SQLite scans for it), the others in a few (SQLite asks the index).
        for (String query : List.of("COST events", "search_costs(", "run_id 17", "T-TRACKER")) {
            Reply page = api.get("/api/feedback?limit=500&q=" + encode(query));
            JsonNode stats = api.get("/api/stats?q=" + encode(query)).json();
            JsonNode export =
                    api.get("/api/export?format=json&q=" + encode(query)).json();

            Set<String> expected = expected(ids, query);
            assertThat(ids(page.json())).as(query).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(page.header("X-Total-Count")).as(query).isEqualTo(Integer.toString(expected.size()));
            assertThat(stats.get("total").asLong()).as(query).isEqualTo(expected.size());
            assertThat(ids(export)).as(query).containsExactlyElementsOf(ids(page.json()));
        }
    }

    @Test
    void findsNonAsciiTextAsTypedWhateverThePath() {
        String upper = api.record(report("ÉCOLE Ü", "srv").toString());
        sidecar.parts().feedback().indexText();
        String waiting = api.record(report("ÉCOLE Ü again", "srv").toString());

        assertThat(ids(search("Ü"))).containsExactlyInAnyOrder(upper, waiting);
        assertThat(ids(search("ÉCOLE"))).containsExactlyInAnyOrder(upper, waiting);
    }

    @Test
    void answersHostileTextWithoutAnError() {
        String id = api.record(report("quotes \"\"\"\" and more", "srv").toString());

        for (String rawQuery : List.of(
                "%00",
                "nul%00byte",
                "%ED%A0%80abc",
                "%22".repeat(200),
                "%22%22%22%22",
                "NEAR(%22a%22%20%22b%22,%201)",
                "%5C%22%27%60%3B",
                "x".repeat(200))) {
            Reply reply = api.get("/api/feedback?q=" + rawQuery);

            assertThat(reply.status()).as(rawQuery).isIn(200, 400, 422);
            assertThat(reply.status() == 200 ? "ok" : reply.json().get("detail").asText())
                    .as(rawQuery)
                    .isNotBlank();
        }
        assertThat(ids(search("\"\"\"\""))).containsExactly(id);
        assertThat(api.get("/api/feedback?q=a%00b").json().get("field").asText())
                .isEqualTo("q");
        assertThat(api.get("/api/stats?server_name=%00").status()).isEqualTo(422);
        assertThat(api.get("/api/feedback?q=" + "x".repeat(201)).status()).isEqualTo(422);
    }

    @Test
    void countsAndExportsTheSameMatches() {
        List<String> ids = recordCorpus();
        String query = "and";
        Set<String> expected = expected(ids, query);

        JsonNode stats = api.get("/api/stats?q=" + query).json();
        JsonNode export = api.get("/api/export?format=json&q=" + query).json();
        Reply page = api.get("/api/feedback?limit=2&q=" + query);

        assertThat(expected).hasSizeGreaterThan(2);
        assertThat(stats.get("total").asLong()).isEqualTo(expected.size());
        assertThat(ids(export)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(page.header("X-Total-Count")).isEqualTo(Integer.toString(expected.size()));
        assertThat(page.header("X-Next-Offset")).isEqualTo("2");
    }

    @Test
    void exportsEveryMatchNewestFirstAcrossBatches() throws Exception {
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 1_050; i++) {
                String needed = (i % 21 == 0 ? "other " : "Batched gadget ") + i;
                writers.submit(() -> api.record(report(needed, "srv").toString()));
            }
        }
        List<String> pages = new ArrayList<>();
        for (int offset = 0; offset < 1_050; offset += 500) {
            pages.addAll(ids(search("GADGET", "&offset=" + offset)));
        }

        JsonNode export = api.get("/api/export?format=json&q=gadget").json();

        assertThat(pages).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(ids(export)).containsExactlyElementsOf(pages);
    }

    @Test
    void forgetsDeletedReports() {
        String kept = api.record(report("keep this gizmo", "srv").toString());
        String deletedIndexed = api.record(report("delete this gizmo", "srv").toString());
        sidecar.parts().feedback().indexText();
        String deletedWaiting =
                api.record(report("delete that gizmo too", "srv").toString());

        assertThat(api.delete("/api/feedback/" + deletedIndexed).status()).isEqualTo(204);
        assertThat(api.delete("/api/feedback/" + deletedWaiting).status()).isEqualTo(204);
        sidecar.parts().feedback().indexText();

        assertThat(ids(search("gizmo"))).containsExactly(kept);
        assertThat(search("delete th")).isEmpty();
    }

    @Test
    void findsAReportStoredAfterTheNewestIndexedOneWasDeleted() {
        api.record(report("older widget", "srv").toString());
        String newest = api.record(report("newest widget", "srv").toString());
        sidecar.parts().feedback().indexText();

        api.delete("/api/feedback/" + newest);
        String replacement = api.record(report("replacement widget", "srv").toString());

        assertThat(ids(search("replacement"))).containsExactly(replacement);
        sidecar.parts().feedback().indexText();
        assertThat(ids(search("replacement"))).containsExactly(replacement);
        assertThat(search("widget")).hasSize(2);
    }

    @Test
    void keepsFindingReportsAfterTheyAreReviewed() {
        String id = api.record(report("reviewed later", "srv").toString());

        assertThat(api.patch("/api/feedback/" + id, "{\"reviewed\":true}").status())
                .isEqualTo(200);

        assertThat(ids(search("reviewed later"))).containsExactly(id);
        assertThat(api.get("/api/feedback?q=later&reviewed=false").json()).isEmpty();
    }

    private List<String> recordCorpus() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            ObjectNode report = report(TEXTS.get(i), i % 3 == 0 ? "git_hub" : "cost-tracker");
            report.put("what_i_tried", TEXTS.get((i + 3) % TEXTS.size()));
            report.put("suggestion", i % 2 == 0 ? TEXTS.get((i + 5) % TEXTS.size()) : "");
            report.put("user_goal", i % 4 == 0 ? TEXTS.get((i + 7) % TEXTS.size()) : "");
            ids.add(api.record(report.toString()));
        }
        return ids;
    }

    /** The ids a plain case-insensitive substring search over the stored reports finds. */
    private Set<String> expected(List<String> ids, String query) {
        String needle = query.strip().toLowerCase(Locale.ROOT);
        Set<String> matching = new TreeSet<>();
        for (String id : ids) {
            JsonNode stored = api.get("/api/feedback/" + id).json();
            for (String field : FIELDS) {
                if (stored.get(field).asText().toLowerCase(Locale.ROOT).contains(needle)) {
                    matching.add(id);
                }
            }
        }
        return matching;
    }

    private JsonNode search(String query) {
        return search(query, "");
    }

    private JsonNode search(String query, String more) {
        Reply reply = api.get("/api/feedback?limit=500&q=" + encode(query) + more);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static ObjectNode report(String needed, String server) {
        ObjectNode report = Reports.minimal(needed);
        report.put("what_i_tried", "-");
        report.put("server_name", server);
        return report;
    }

    private static List<String> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }

    private static String flipAsciiCase(String text, Random random) {
        StringBuilder flipped = new StringBuilder();
        for (char c : text.toCharArray()) {
            boolean ascii = c < 128 && Character.isLetter(c);
            flipped.append(ascii && random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return flipped.toString();
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
