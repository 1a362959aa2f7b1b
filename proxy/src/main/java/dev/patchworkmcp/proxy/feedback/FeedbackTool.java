package dev.patchworkmcp.proxy.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.proxy.outbox.Delivery;
import dev.patchworkmcp.proxy.outbox.ImmediateDelivery;
import dev.patchworkmcp.proxy.outbox.Outbox;
import dev.patchworkmcp.proxy.outbox.OutboxException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The feedback tool the proxy adds to every upstream: its definition (from the contract) and its handler,
 * which validates the agent's arguments, enriches them with what the session knows, writes the report durably
 * to the outbox, then hands it to the background sender (by default) or tries a bounded immediate delivery (with
 * {@code --feedback-wait}): the answer quotes the sidecar's id when the sidecar took the report in time, and
 * otherwise says plainly that it is queued and will be delivered. Failures become tool
 * results with {@code isError: true}, never protocol errors. Thread-safe.
 */
public final class FeedbackTool {

    private static final System.Logger LOG = System.getLogger(FeedbackTool.class.getName());

    private final FeedbackToolContract contract;
    private final FeedbackArguments arguments;
    private final Outbox outbox;
    private final ImmediateDelivery delivery;
    private final ObjectMapper json;

    /**
     * @param outbox where reports are written
     * @param delivery tried once a report is durable (e.g. the {@code OutboxSender}); must return within its
     *     bounded wait
     */
    public FeedbackTool(FeedbackToolContract contract, Outbox outbox, ImmediateDelivery delivery, ObjectMapper json) {
        this.contract = contract;
        this.arguments = new FeedbackArguments(contract);
        this.outbox = outbox;
        this.delivery = delivery;
        this.json = json;
    }

    /**
     * Never delivers at once: every report is queued for the background sender.
     *
     * @param onRecorded called after a report is durable (wakes the sender); must return at once
     */
    public FeedbackTool(FeedbackToolContract contract, Outbox outbox, Runnable onRecorded, ObjectMapper json) {
        this(contract, outbox, ImmediateDelivery.queueOnly(onRecorded), json);
    }

    /** The tool's name in the contract ({@code feedback}). */
    public String contractName() {
        return contract.name();
    }

    /** The tool definition as JSON text, offered under {@code name}. */
    public String definitionJson(String name) {
        ObjectNode tool = json.createObjectNode();
        tool.put("name", name);
        tool.put("title", contract.title());
        tool.put("description", contract.description());
        tool.set("inputSchema", contract.inputSchema());
        return write(tool);
    }

    /** The sentence appended to the server's {@code instructions}. */
    public String instructionsSentence() {
        return "This server also offers a feedback tool (\"" + contract.title() + "\"): call it whenever its tools "
                + "could not fully do what you needed, before you answer the user.";
    }

    /**
     * Handles one call of the tool.
     *
     * @param callArguments {@code params.arguments} as sent by the client (may be null)
     * @return the {@code tools/call} result
     */
    public ObjectNode call(JsonNode callArguments, SessionFacts facts) {
        ObjectNode accepted;
        try {
            accepted = arguments.validate(callArguments);
        } catch (InvalidFeedbackException e) {
            return result(
                    "Feedback not recorded: " + e.getMessage() + ". Fix the arguments and call this tool again.", true);
        }
        String key = UUID.randomUUID().toString();
        Path file;
        try {
            file = outbox.write(key, write(report(accepted, facts, key)));
        } catch (OutboxException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
            return result(
                    "Feedback not recorded: " + e.getMessage() + ". Tell the user that this report could not be "
                            + "saved, then continue with their task.",
                    true);
        }
        return answer(delivery.tryNow(file), key, facts.serverName());
    }

    private ObjectNode answer(Delivery outcome, String key, String serverName) {
        return switch (outcome) {
            case Delivery.Delivered delivered ->
                result(
                        "Recorded (report " + (delivered.id() == null ? key : delivered.id()) + "). Thank you: the "
                                + "developers of " + serverName + " will see it. Continue helping the user.",
                        false);
            case Delivery.Rejected rejected ->
                result(
                        "Feedback not recorded: the feedback service refused it (" + rejected.reason() + "). Fix "
                                + "the arguments and call this tool again, or continue with the user's task.",
                        true);
            case Delivery.Unauthorized unauthorized ->
                result(
                        "Recorded: saved on this machine (reference " + key + "), but the feedback service refused "
                                + "this proxy's key; it will be delivered once the proxy runs with the right key. No "
                                + "need to send it again. Continue helping the user.",
                        false);
            case Delivery.Retry retry -> queued(key, serverName);
            case Delivery.Queued queued ->
                result(
                        "Recorded (reference " + key + "). Thank you: it is on its way to the developers of "
                                + serverName + ". Continue helping the user.",
                        false);
        };
    }

    private ObjectNode queued(String key, String serverName) {
        return result(
                "Recorded: saved on this machine and queued (reference " + key + "); the feedback service is not "
                        + "reachable right now, and the report will be delivered to the developers of " + serverName
                        + " as soon as it is. No need to send it again. Continue helping the user.",
                false);
    }

    /** The body POSTed to the sidecar: the agent's fields plus what the proxy knows. */
    ObjectNode report(ObjectNode accepted, SessionFacts facts, String key) {
        ObjectNode report = accepted.deepCopy();
        report.put("server_name", facts.serverName());
        report.put("source", "proxy");
        putIfKnown(report, "client_name", facts.clientName());
        putIfKnown(report, "client_version", facts.clientVersion());
        putIfKnown(report, "protocol_version", facts.protocolVersion());
        if (report.path("session_id").asText().isBlank()) {
            report.put("session_id", facts.sessionId());
        }
        if (report.path("tools_available").isEmpty()) {
            report.set("tools_available", names(facts.tools()));
        }
        ObjectNode context = report.putObject("context");
        context.set("recent_calls", json.valueToTree(facts.recentCalls()));
        context.set("tools", names(facts.tools()));
        putIfKnown(context, "trace_id", facts.traceId());
        report.put("idempotency_key", key);
        return report;
    }

    private ArrayNode names(List<String> names) {
        ArrayNode array = json.createArrayNode();
        names.forEach(array::add);
        return array;
    }

    private static void putIfKnown(ObjectNode report, String field, String value) {
        if (value != null && !value.isBlank()) {
            report.put(field, value);
        }
    }

    private ObjectNode result(String text, boolean isError) {
        ObjectNode result = json.createObjectNode();
        ObjectNode content = result.putArray("content").addObject();
        content.put("type", "text");
        content.put("text", text);
        result.put("isError", isError);
        return result;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
