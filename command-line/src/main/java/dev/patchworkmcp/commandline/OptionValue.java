package dev.patchworkmcp.commandline;

/**
 * One option as given on the command line.
 *
 * @param name the option's first declared name, e.g. {@code --db} for {@code --database=x}
 * @param value its value, or {@code null} for a flag
 */
public record OptionValue(String name, String value) {}
