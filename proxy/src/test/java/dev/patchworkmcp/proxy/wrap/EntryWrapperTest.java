package dev.patchworkmcp.proxy.wrap;

import static dev.patchworkmcp.proxy.wrap.WrapCommandTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EntryWrapperTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final EntryWrapper wrapper = new EntryWrapper("/opt/patchwork", ConfigFormat.MCP_SERVERS);

    @Test
    void stdioEntryKeepsItsKeysInTheirPlaces() throws Exception {
        JsonNode entry = JSON.readTree("{\"command\":\"npx\",\"args\":[\"-y\",\"srv\"],\"env\":{\"K\":\"v\"},\"x\":1}");

        ObjectNode wrapped = changed(wrapper.wrap("srv", entry));

        assertThat(wrapped.toString())
                .isEqualTo(
                        "{\"command\":\"/opt/patchwork\",\"args\":[\"proxy\",\"--name\",\"srv\",\"--\",\"npx\",\"-y\","
                                + "\"srv\"],\"env\":{\"K\":\"v\"},\"x\":1,\"_patchwork\":{\"original\":" + entry
                                + "}}");
    }

    @Test
    void urlEntryInVsCodeGainsTypeStdio() throws Exception {
        JsonNode entry = JSON.readTree("{\"url\":\"https://h/mcp\"}");

        ObjectNode wrapped = changed(new EntryWrapper("/p/patchwork", ConfigFormat.VSCODE).wrap("h", entry));

        assertThat(wrapped.path("type").asText()).isEqualTo("stdio");
        assertThat(texts(wrapped.path("args"))).containsExactly("proxy", "--name", "h", "--url", "https://h/mcp");
    }

    @Test
    void handWrittenProxyEntriesCountAsWrapped() throws Exception {
        JsonNode entry =
                JSON.readTree("{\"command\":\"C:\\\\tools\\\\patchwork.cmd\",\"args\":[\"proxy\",\"--\",\"x\"]}");

        assertThat(wrapper.wrap("x", entry)).isInstanceOf(EntryChange.Unchanged.class);
    }

    @Test
    void anEntryWrappedFromAnotherCloneIsPointedAtThisLauncher() throws Exception {
        JsonNode entry = JSON.readTree("{\"command\":\"npx\",\"args\":[\"srv\"]}");
        ObjectNode fromOldClone =
                changed(new EntryWrapper("/old/clone/patchwork", ConfigFormat.MCP_SERVERS).wrap("s", entry));

        ObjectNode moved = changed(wrapper.wrap("s", fromOldClone));

        assertThat(moved.path("command").asText()).isEqualTo("/opt/patchwork");
        assertThat(moved.path("args")).isEqualTo(fromOldClone.path("args"));
        assertThat(changed(wrapper.unwrap("s", moved))).isEqualTo(entry);
    }

    @Test
    void entriesWithoutCommandOrUrlAreSkipped() throws Exception {
        assertThat(wrapper.wrap("a", JSON.readTree("{\"disabled\":true}"))).isInstanceOf(EntryChange.Skipped.class);
        assertThat(wrapper.wrap("b", JSON.readTree("\"text\""))).isInstanceOf(EntryChange.Skipped.class);
        assertThat(wrapper.wrap("c", JSON.readTree("{\"command\":\"x\",\"args\":\"-v\"}")))
                .isInstanceOf(EntryChange.Skipped.class);
    }

    @Test
    void unwrapRebuildsAStdioEntryFromTheArgumentsWhenAClientDroppedThePrivateKey() throws Exception {
        JsonNode entry = JSON.readTree("{\"command\":\"npx\",\"args\":[\"-y\",\"srv\"],\"env\":{\"K\":\"v\"}}");
        ObjectNode wrapped = changed(wrapper.wrap("srv", entry));
        wrapped.remove(EntryWrapper.PRIVATE_KEY);

        ObjectNode restored = changed(wrapper.unwrap("srv", wrapped));

        assertThat(restored.toString()).isEqualTo(entry.toString());
    }

    @Test
    void unwrapRebuildsAUrlEntryWithItsHeadersAndTransport() throws Exception {
        JsonNode entry = JSON.readTree(
                "{\"type\":\"sse\",\"url\":\"https://h/sse\",\"headers\":{\"Authorization\":\"Bearer a:b \"}}");
        ObjectNode wrapped = changed(wrapper.wrap("h", entry));
        wrapped.remove(EntryWrapper.PRIVATE_KEY);

        ObjectNode restored = changed(wrapper.unwrap("h", wrapped));

        assertThat(restored).isEqualTo(entry);
    }

    @Test
    void wrappingAgainMovesHeaderValuesOfAnEarlierWrapFromTheArgumentsToEnv() throws Exception {
        JsonNode original = JSON.readTree("{\"url\":\"https://h/mcp\",\"headers\":{\"Authorization\":\"Bearer t0k\"}}");
        ObjectNode earlier =
                (ObjectNode) JSON.readTree("{\"command\":\"/opt/patchwork\",\"args\":[\"proxy\",\"--name\",\"h\","
                        + "\"--url\",\"https://h/mcp\",\"--header\",\"Authorization: Bearer t0k\"]}");
        earlier.putObject(EntryWrapper.PRIVATE_KEY).set("original", original);

        ObjectNode wrapped = changed(wrapper.wrap("h", earlier));
        ObjectNode restored = changed(wrapper.unwrap("h", wrapped));

        assertThat(wrapped.path("args").toString()).doesNotContain("t0k").contains("--header-env");
        assertThat(wrapped.path("env").path("PATCHWORK_HEADER_AUTHORIZATION").asText())
                .isEqualTo("Bearer t0k");
        assertThat(wrapped.toString()).containsOnlyOnce("t0k");
        assertThat(restored).isEqualTo(original);
    }

    @Test
    void unwrapLeavesPlainEntriesAlone() throws Exception {
        assertThat(wrapper.unwrap("a", JSON.readTree("{\"command\":\"npx\"}")))
                .isInstanceOf(EntryChange.Unchanged.class);
    }

    private static ObjectNode changed(EntryChange change) {
        assertThat(change).isInstanceOf(EntryChange.Changed.class);
        return ((EntryChange.Changed) change).entry();
    }
}
