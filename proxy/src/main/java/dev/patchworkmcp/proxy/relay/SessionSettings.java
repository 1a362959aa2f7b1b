package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.feedback.FeedbackTool;

/**
 * What every session of one proxy shares. Immutable.
 *
 * @param serverName the wrapped server's name, put on reports
 * @param toolName the name the feedback tool is offered under, unless the upstream has it already
 * @param tool the feedback tool
 * @param json the mapper for the few messages the relay parses into trees
 */
public record SessionSettings(String serverName, String toolName, FeedbackTool tool, ObjectMapper json) {}
