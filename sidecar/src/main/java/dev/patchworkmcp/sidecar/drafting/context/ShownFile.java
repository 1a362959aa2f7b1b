package dev.patchworkmcp.sidecar.drafting.context;

/**
 * A file put in front of the model: whole, or as an excerpt whose lines carry their numbers. {@code content} is
 * always the complete file, so edits to an excerpted file are checked against all of it.
 */
public record ShownFile(String path, String mode, String content, boolean whole, String rendered, String extent) {}
