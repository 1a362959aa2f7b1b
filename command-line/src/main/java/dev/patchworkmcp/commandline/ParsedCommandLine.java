package dev.patchworkmcp.commandline;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CommandSyntax#parse} read: whether help was asked for, every option in the order given, and the
 * operands. Immutable.
 *
 * @param help {@code -h} or {@code --help} was given; nothing after it was read
 * @param options the options in the order given, each under its first declared name
 * @param operands the arguments that are not options (for a command operand: the command and its arguments)
 */
public record ParsedCommandLine(boolean help, List<OptionValue> options, List<String> operands) {

    public ParsedCommandLine {
        options = List.copyOf(options);
        operands = List.copyOf(operands);
    }

    /** Whether the option (a flag or one with a value) was given, by its first declared name. */
    public boolean has(String name) {
        return options.stream().anyMatch(option -> option.name().equals(name));
    }

    /** The option's last value (a later one wins, as in most tools), or {@code null} when it was not given. */
    public String value(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.getLast();
    }

    /** Every value of a repeatable option, in the order given. */
    public List<String> values(String name) {
        return options.stream()
                .filter(option -> option.name().equals(name))
                .map(OptionValue::value)
                .filter(Objects::nonNull)
                .toList();
    }
}
