package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What wrapping or unwrapping one server entry did. */
public sealed interface EntryChange {

    /** The entry was rewritten; {@code summary} says what it runs, for the report. */
    record Changed(ObjectNode entry, String summary) implements EntryChange {}

    /** The entry is already as asked (wrapped when wrapping, plain when unwrapping). */
    record Unchanged(String reason) implements EntryChange {}

    /** The entry cannot be rewritten; it is left as it is. */
    record Skipped(String reason) implements EntryChange {}
}
