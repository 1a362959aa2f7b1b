package dev.patchworkmcp.proxy.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Checks that a text is exactly one JSON object, with a streaming parser (nothing is bound), before an outbox
 * entry is sent. Loaded only when there is something to deliver. Stateless and thread-safe.
 */
final class JsonObjectCheck {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonObjectCheck() {}

    /** Null when {@code text} is one JSON object, else what is wrong with it. */
    static String defectOf(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "text after the JSON object";
            }
            return null;
        } catch (JsonProcessingException e) {
            return "not JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "not readable as JSON: " + e.getMessage();
        }
    }
}
