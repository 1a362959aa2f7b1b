package dev.patchworkmcp.sidecar.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.http.Texts;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/settings} (secrets masked) and {@code PUT /api/settings} (any subset; {@code ""} or
 * {@code null} clears a key; absent keys stay). {@code github_pat} is accepted as the original dashboard's name
 * of {@code github_token}. Thread-safe.
 */
public final class SettingsApi implements HttpService {
    static final int MAX_VALUE_LENGTH = 1000;
    private static final List<String> PROVIDERS = List.of(Settings.ANTHROPIC, Settings.OPENAI);

    private final SettingsStore store;
    private final JsonBodies bodies;

    public SettingsApi(SettingsStore store, JsonBodies bodies) {
        this.store = store;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get).put("/", this::put);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Settings settings = store.current();
        ObjectNode json = Json.object();
        SettingsStore.PREFERENCES.forEach(key -> json.put(key, settings.value(key)));
        SettingsStore.SECRETS.forEach(key -> json.put(key, Settings.mask(settings.value(key))));
        json.put("github_pat", Settings.mask(settings.githubToken()));
        ObjectNode sources = json.putObject("sources");
        settings.sources().forEach(sources::put);
        json.put("configured", settings.configured());
        Json.send(res, 200, json);
    }

    private void put(ServerRequest req, ServerResponse res) {
        store.update(changes(bodies.readObject(req)));
        Json.sendStatus(res, 200, "saved");
    }

    static Map<String, String> changes(JsonNode body) {
        Map<String, String> changes = new LinkedHashMap<>();
        List<String> allowed = new ArrayList<>(SettingsStore.allKeys());
        allowed.add("github_pat");
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey().equals("github_pat") ? "github_token" : field.getKey();
            if (!allowed.contains(field.getKey())) {
                throw new ApiException(
                        422,
                        "unknown_setting",
                        field.getKey(),
                        "'" + Texts.quote(field.getKey()) + "' is not a setting; use one of: "
                                + String.join(", ", allowed) + ".",
                        allowed);
            }
            changes.put(key, value(key, field.getValue()));
        }
        return changes;
    }

    private static String value(String key, JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(key, key + " must be a string (or \"\" / null to clear it).");
        }
        String value = node.asText().strip();
        if (value.length() > MAX_VALUE_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(key, key + " must be one line of at most " + MAX_VALUE_LENGTH + " characters.");
        }
        if (key.equals("llm_provider") && !value.isEmpty() && !PROVIDERS.contains(value)) {
            throw ApiException.notAllowed(key, value, PROVIDERS);
        }
        if (key.equals("github_repo") && !value.isEmpty() && !value.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw ApiException.invalid(key, "github_repo must look like owner/name, got '" + Texts.quote(value) + "'.");
        }
        return value;
    }
}
