package dev.patchworkmcp.proxy.relay;

/**
 * The parts of one JSON-RPC message that tell its protocol era, and where the relay would edit the text to move
 * it from one era to the other, as read by {@link JsonRpcPeek}. Offsets are char offsets of an opening brace in
 * the message text, or -1 when the member is absent. Immutable.
 *
 * @param protocolVersion {@code params._meta["io.modelcontextprotocol/protocolVersion"]} ("" when not a string),
 *     or null when absent (a request of the 2025-11-25 era or older)
 * @param logLevel {@code params._meta["io.modelcontextprotocol/logLevel"]}, or null
 * @param resultType {@code result.resultType}, or null when absent (a result of an older server)
 * @param errorCode {@code error.code}, or 0
 * @param paramsStart the opening brace of {@code params}
 * @param metaStart the opening brace of {@code params._meta}
 * @param resultStart the opening brace of {@code result}
 */
public record EraMarks(
        String protocolVersion,
        String logLevel,
        String resultType,
        int errorCode,
        int paramsStart,
        int metaStart,
        int resultStart) {

    static final EraMarks NONE = new EraMarks(null, null, null, 0, -1, -1, -1);
}
