package dev.patchworkmcp.proxy.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The upstream's tool list as one session saw it, and the feedback tool's place in it: collects the names over
 * the pages of a {@code tools/list}, appends the feedback tool to the last page (the one without
 * {@code nextCursor}) by splicing its JSON text before the closing bracket, so every upstream tool reaches the
 * client byte for byte, and renames ours when the upstream already has a tool of that name. Thread-safe.
 */
final class ToolListing {

    private static final System.Logger LOG = System.getLogger(ToolListing.class.getName());

    private final String configuredName;
    private final Function<String, String> definitionJson;
    private final List<String> pages = new ArrayList<>();
    private volatile String effectiveName;
    private volatile List<String> upstreamTools = List.of();
    private String definition;
    private String definitionName;

    /**
     * @param configuredName the name asked for ({@code --tool-name}, default {@code feedback})
     * @param definitionJson makes the tool definition's JSON text for a name
     */
    ToolListing(String configuredName, Function<String, String> definitionJson) {
        this.configuredName = configuredName;
        this.definitionJson = definitionJson;
        this.effectiveName = configuredName;
    }

    /** The name the feedback tool goes by in this session. */
    String effectiveName() {
        return effectiveName;
    }

    /** The upstream's tool names from the last complete listing. */
    List<String> upstreamTools() {
        return upstreamTools;
    }

    /** Takes one page of a {@code tools/list} result and returns the text to relay to the client. */
    synchronized String onPage(String message, MessageSummary page, boolean firstPage) {
        if (firstPage) {
            pages.clear();
        }
        pages.addAll(page.toolNames());
        if (page.hasNextCursor()) {
            return message;
        }
        upstreamTools = List.copyOf(pages);
        String name = resolveName(upstreamTools);
        if (page.toolsArrayEnd() < 0) {
            return message;
        }
        int end = page.toolsArrayEnd();
        String separator = isEmptyArray(message, end) ? "" : ",";
        return message.substring(0, end) + separator + definition(name) + message.substring(end);
    }

    /**
     * A {@code tools/list} result holding only the feedback tool, for upstreams that have no tools; a modern one
     * (2026-07-28) also has its result type and cache hints.
     */
    synchronized String onlyOurs(boolean modern) {
        String tools = "\"tools\":[" + definition(effectiveName) + "]";
        return modern ? "{" + tools + ",\"resultType\":\"complete\"," + EraText.CACHE_FIELDS + "}" : "{" + tools + "}";
    }

    private String resolveName(List<String> tools) {
        String name = configuredName;
        if (tools.contains(name)) {
            name = "patchwork_" + configuredName;
            for (int i = 2; tools.contains(name); i++) {
                name = "patchwork_" + configuredName + "_" + i;
            }
        }
        if (!name.equals(effectiveName) && !name.equals(configuredName)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the upstream already has a tool named '" + configuredName + "'; the feedback tool is offered as '"
                            + name + "' (choose the name with --tool-name)");
        }
        effectiveName = name;
        return name;
    }

    private String definition(String name) {
        if (!name.equals(definitionName)) {
            definition = definitionJson.apply(name);
            definitionName = name;
        }
        return definition;
    }

    private static boolean isEmptyArray(String message, int closingBracket) {
        for (int i = closingBracket - 1; i >= 0; i--) {
            char c = message.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[';
            }
        }
        return true;
    }
}
