package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Re-addressing a message to another id without touching the rest of its text. */
class JsonRpcShapeTest {
    private static final JsonRpcShape SHAPE = new JsonRpcShape(new ObjectMapper());

    @Test
    void replacesOnlyTheTopLevelIdWhereverItStands() {
        assertThat(SHAPE.withId("{\"id\":7,\"method\":\"m\",\"params\":{\"id\":7}}", "\"x\""))
                .isEqualTo("{\"id\":\"x\",\"method\":\"m\",\"params\":{\"id\":7}}");
        assertThat(SHAPE.withId("{\"jsonrpc\":\"2.0\", \"id\" : \"a b\" , \"result\":{\"v\":1.50}}", "12"))
                .isEqualTo("{\"jsonrpc\":\"2.0\", \"id\" : 12 , \"result\":{\"v\":1.50}}");
        assertThat(SHAPE.withId("{\"result\":{},\"id\":3}", "4")).isEqualTo("{\"result\":{},\"id\":4}");
    }

    @Test
    void fallsBackToTheParsedMessageWhenTheIdIsRepeated() {
        assertThat(SHAPE.parse(SHAPE.withId("{\"id\":1,\"id\":2,\"method\":\"m\"}", "9"))
                        .path("id")
                        .asInt())
                .isEqualTo(9);
    }
}
