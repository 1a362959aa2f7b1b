package dev.patchworkmcp.commandline;

import java.util.ArrayList;
import java.util.List;

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
        for (OptionValue option : options) {
            if (option.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The option's last value (a later one wins, as in most tools), or {@code null} when it was not given. */
    public String value(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.getLast();
    }

    /** Every value of a repeatable option, in the order given. Plain loops: the proxy runs this once, cold. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (OptionValue option : options) {
            if (option.name().equals(name) && option.value() != null) {
                values.add(option.value());
            }
        }
        return values;
    }
}
