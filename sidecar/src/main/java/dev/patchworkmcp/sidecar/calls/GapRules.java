package dev.patchworkmcp.sidecar.calls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that infer a gap from the calls of one session, oldest first; each fires at most once per session.
 * They run in the sidecar, which holds every record of a session (the proxy sends the error messages with the
 * records). docs/telemetry.md lists them with their confidence. Stateless.
 */
public final class GapRules {
    /** Consecutive successful calls of one tool that count as paging through incomplete results. */
    static final int PAGING_RUN = 6;

    /** Later calls to other tools after which an error that was never retried counts as given up on. */
    static final int MOVED_ON = 2;

    private static final Pattern UNKNOWN_TOOL = Pattern.compile(
            "(?i)\\b(unknown tool|tool\\b.{0,80}\\bnot found|no such tool|tool\\b.{0,80}does not exist)");
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)\\b(?:unknown|unexpected|unrecognized|missing|required|invalid)\\s+(?:argument|parameter|property|field|key)s?"
                    + "(?:\\s*[:=]\\s*['\"`]?|\\s+['\"`])([A-Za-z_][\\w.-]{0,63})");
    private static final Pattern PARAMETER_FIRST = Pattern.compile(
            "(?i)['\"`]([A-Za-z_][\\w.-]{0,63})['\"`]\\s+is\\s+(?:required|not allowed|not a valid (?:argument|parameter))");

    private GapRules() {}

    public static List<InferredGap> apply(List<CallRecord> session) {
        List<CallRecord> toolCalls = session.stream()
                .filter(call -> call.method().equals("tools/call"))
                .toList();
        List<InferredGap> gaps = new ArrayList<>();
        missingTool(toolCalls).ifPresent(gaps::add);
        missingParameter(toolCalls).ifPresent(gaps::add);
        incompleteResults(toolCalls).ifPresent(gaps::add);
        unrecoveredError(toolCalls).ifPresent(gaps::add);
        return gaps;
    }

    static boolean unknownTool(CallRecord call) {
        return call.outcome().failed()
                && (UNKNOWN_TOOL.matcher(call.errorMessage()).find()
                        || (call.outcome() == CallRecord.Outcome.RPC_ERROR
                                && Integer.valueOf(-32601).equals(call.errorCode())));
    }

    private static Optional<InferredGap> missingTool(List<CallRecord> calls) {
        return calls.stream()
                .filter(GapRules::unknownTool)
                .findFirst()
                .map(call -> new InferredGap(
                        "missing_tool",
                        "missing_tool",
                        call.tool(),
                        UNKNOWN_TOOL.matcher(call.errorMessage()).find() ? 0.9 : 0.8,
                        "The agent called a tool named '" + call.tool() + "', which the server does not have.",
                        "tools/call " + call.tool() + " was refused: " + describe(call),
                        List.of(call)));
    }

    private static Optional<InferredGap> missingParameter(List<CallRecord> calls) {
        for (CallRecord call : calls) {
            if (!call.outcome().failed() || unknownTool(call)) {
                continue;
            }
            Set<String> names = parameters(call.errorMessage());
            if (rejectedArguments(call)) {
                String named = names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
                return Optional.of(new InferredGap(
                        "missing_parameter",
                        "missing_parameter",
                        call.tool(),
                        names.isEmpty() ? 0.6 : 0.8,
                        "The agent passed arguments to '" + call.tool() + "' that the server rejected" + named + ".",
                        "tools/call " + call.tool() + " failed: " + describe(call),
                        List.of(call)));
            }
        }
        return Optional.empty();
    }

    private static boolean rejectedArguments(CallRecord call) {
        return !parameters(call.errorMessage()).isEmpty()
                || (call.outcome() == CallRecord.Outcome.RPC_ERROR
                        && Integer.valueOf(-32602).equals(call.errorCode()));
    }

    static Set<String> parameters(String message) {
        Set<String> names = new LinkedHashSet<>();
        for (Pattern pattern : List.of(PARAMETER, PARAMETER_FIRST)) {
            Matcher matcher = pattern.matcher(message);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static Optional<InferredGap> incompleteResults(List<CallRecord> calls) {
        int run = 0;
        for (int i = 0; i < calls.size(); i++) {
            CallRecord call = calls.get(i);
            boolean continues = i > 0 && calls.get(i - 1).tool().equals(call.tool());
            run = call.outcome().failed() ? 0 : continues ? run + 1 : 1;
            if (run == PAGING_RUN) {
                return Optional.of(new InferredGap(
                        "incomplete_results",
                        "incomplete_results",
                        call.tool(),
                        0.5,
                        "The agent called '" + call.tool() + "' " + PAGING_RUN
                                + " times in a row, as if paging through results it could not filter or get at once.",
                        PAGING_RUN + " consecutive successful calls of " + call.tool() + " in one session.",
                        calls.subList(i - PAGING_RUN + 1, i + 1)));
            }
        }
        return Optional.empty();
    }

    private static Optional<InferredGap> unrecoveredError(List<CallRecord> calls) {
        for (int i = 0; i < calls.size(); i++) {
            CallRecord call = calls.get(i);
            if (!call.outcome().failed() || unknownTool(call) || rejectedArguments(call)) {
                continue;
            }
            List<CallRecord> later = calls.subList(i + 1, calls.size());
            boolean retriedWell = later.stream()
                    .anyMatch(next ->
                            next.tool().equals(call.tool()) && !next.outcome().failed());
            long others = later.stream()
                    .filter(next -> !next.tool().equals(call.tool()))
                    .count();
            if (!retriedWell && others >= MOVED_ON) {
                return Optional.of(new InferredGap(
                        "unrecovered_error",
                        "other",
                        call.tool(),
                        0.4,
                        "'" + call.tool() + "' failed and the agent moved on without a successful retry.",
                        "tools/call " + call.tool() + " failed: " + describe(call),
                        List.of(call)));
            }
        }
        return Optional.empty();
    }

    private static String describe(CallRecord call) {
        String code = call.errorCode() == null ? call.outcome().wire() : "JSON-RPC " + call.errorCode();
        return call.errorMessage().isEmpty() ? code : code + " '" + call.errorMessage() + "'";
    }
}
