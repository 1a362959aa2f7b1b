package dev.patchworkmcp.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolListingTest {

    private final ToolListing listing = new ToolListing("feedback", name -> "{\"name\":\"" + name + "\"}");

    @Test
    void appendsOurToolOnlyToTheLastPage() {
        String first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"a\"}],\"nextCursor\":\"p2\"}}";
        String last = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"b\"}]}}";

        String relayedFirst = listing.onPage(first, JsonRpcPeek.of(first), true);
        String relayedLast = listing.onPage(last, JsonRpcPeek.of(last), false);

        assertThat(relayedFirst).isSameAs(first);
        assertThat(relayedLast)
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"b\"},{\"name\":\"feedback\"}]}}");
        assertThat(listing.upstreamTools()).containsExactly("a", "b");
    }

    @Test
    void appendsToAnEmptyListWithoutAComma() {
        String empty = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[ ]}}";

        assertThat(listing.onPage(empty, JsonRpcPeek.of(empty), true))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[ {\"name\":\"feedback\"}]}}");
    }

    @Test
    void renamesOurToolWhenTheUpstreamHasOneOfThatName() {
        String page = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"feedback\"},"
                + "{\"name\":\"patchwork_feedback\"}]}}";

        String relayed = listing.onPage(page, JsonRpcPeek.of(page), true);

        assertThat(listing.effectiveName()).isEqualTo("patchwork_feedback_2");
        assertThat(relayed).endsWith("{\"name\":\"patchwork_feedback\"},{\"name\":\"patchwork_feedback_2\"}]}}");
    }
}
