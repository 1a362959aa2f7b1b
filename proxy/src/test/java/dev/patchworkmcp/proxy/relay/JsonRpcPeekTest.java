package dev.patchworkmcp.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonRpcPeekTest {

    @Test
    void readsARequestWithItsToolAndArgumentSize() {
        String arguments = "{\"message\":\"héllo\",\"n\":[1,2,{\"x\":null}]}";

        MessageSummary summary = JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"arguments\":" + arguments + ",\"name\":\"echo\"}}");

        assertThat(summary.kind()).isEqualTo(MessageSummary.Kind.REQUEST);
        assertThat(summary.id()).isEqualTo("7");
        assertThat(summary.method()).isEqualTo("tools/call");
        assertThat(summary.toolName()).isEqualTo("echo");
        assertThat(summary.argumentsChars()).isEqualTo(arguments.length());
    }

    @Test
    void keepsStringIdsDistinctFromNumbers() {
        assertThat(JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"ping\"}")
                        .id())
                .isEqualTo("\"7\"");
        assertThat(JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"result\":{}}")
                        .id())
                .isEqualTo("\"a\\\"b\"");
    }

    @Test
    void tellsNotificationsAndResponsesApart() {
        MessageSummary cancelled = JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":\"r-1\",\"reason\":\"user\"}}");
        MessageSummary error =
                JsonRpcPeek.of("{\"id\":3,\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"x\"}}");

        assertThat(cancelled.kind()).isEqualTo(MessageSummary.Kind.NOTIFICATION);
        assertThat(cancelled.cancelledId()).isEqualTo("\"r-1\"");
        assertThat(error.kind()).isEqualTo(MessageSummary.Kind.RESPONSE);
        assertThat(error.isError()).isTrue();
    }

    @Test
    void findsTheToolsArrayEndAndTheCursor() {
        String page =
                "{\"result\":{\"tools\":[{\"inputSchema\":{\"name\":\"nested\"},\"name\":\"a\"},{\"name\":\"b\"}] ,"
                        + "\"nextCursor\":\"c2\"},\"jsonrpc\":\"2.0\",\"id\":2}";

        MessageSummary summary = JsonRpcPeek.of(page);

        assertThat(summary.toolNames()).containsExactly("a", "b");
        assertThat(page.charAt(summary.toolsArrayEnd())).isEqualTo(']');
        assertThat(page.substring(summary.toolsArrayEnd() - 12, summary.toolsArrayEnd()))
                .isEqualTo("{\"name\":\"b\"}");
        assertThat(summary.hasNextCursor()).isTrue();
    }

    @Test
    void readsIsErrorOfAToolResult() {
        assertThat(JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"isError\":true}}")
                        .isError())
                .isTrue();
        assertThat(JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"isError\":false}}")
                        .isError())
                .isFalse();
    }

    @Test
    void treatsGarbageAsOther() {
        assertThat(JsonRpcPeek.of("not json").kind()).isEqualTo(MessageSummary.Kind.OTHER);
        assertThat(JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"id\":1,").kind()).isEqualTo(MessageSummary.Kind.OTHER);
        assertThat(JsonRpcPeek.of("42").kind()).isEqualTo(MessageSummary.Kind.OTHER);
    }

    @Test
    void splitsABatchIntoItsElementsAsReceived() {
        String first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String second = "{ \"jsonrpc\" : \"2.0\", \"method\" : \"notifications/initialized\" }";

        assertThat(JsonRpcPeek.isBatch("  [" + first + " , " + second + "]")).isTrue();
        assertThat(JsonRpcPeek.elements("  [" + first + " , " + second + "]")).containsExactly(first, second);
        assertThat(JsonRpcPeek.isBatch(first)).isFalse();
    }
}
