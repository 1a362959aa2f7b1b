package dev.patchworkmcp.commandline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options and operands one {@code patchwork} command accepts, and the rules every command shares: an option's
 * value follows it ({@code --port 9000}) or is joined to it ({@code --port=9000}); {@code -h} and {@code --help}
 * ask for help anywhere before the operands; an unknown option, a missing value or a value given to a flag is a
 * {@link UsageException} of one line that names {@code patchwork <command> --help}. Declared once per command, as
 * constants; immutable and thread-safe ({@code with*} methods return a new syntax).
 */
public final class CommandSyntax {

    /** How an option takes values. */
    private enum Kind {
        /** No value: {@code --verbose}. */
        FLAG,
        /** One value, given again to repeat: {@code --header "A: b" --header "C: d"}. */
        VALUE,
        /** One value or more, up to the next argument starting with {@code --}: {@code --only a b c}. */
        LIST
    }

    private record Option(String name, Kind kind) {}

    private final String command;
    private final Map<String, Option> options;
    private final int maxOperands;
    private final boolean commandOperand;
    private final String unknownOptionAdvice;

    private CommandSyntax(
            String command,
            Map<String, Option> options,
            int maxOperands,
            boolean commandOperand,
            String unknownOptionAdvice) {
        this.command = command;
        this.options = Map.copyOf(options);
        this.maxOperands = maxOperands;
        this.commandOperand = commandOperand;
        this.unknownOptionAdvice = unknownOptionAdvice;
    }

    /** A command called {@code patchwork <command>} that accepts only {@code -h}/{@code --help} so far. */
    public static CommandSyntax of(String command) {
        return new CommandSyntax(command, Map.of(), 0, false, "");
    }

    /** Adds a flag: an option without a value. The first name is the one {@link ParsedCommandLine} uses. */
    public CommandSyntax withFlag(String... names) {
        return with(Kind.FLAG, names);
    }

    /** Adds an option with one value; repeating it gives several values. */
    public CommandSyntax withOption(String... names) {
        return with(Kind.VALUE, names);
    }

    /** Adds an option whose values run up to the next argument that starts with {@code --}. */
    public CommandSyntax withList(String... names) {
        return with(Kind.LIST, names);
    }

    /** Accepts up to {@code max} operands (arguments that are not options), anywhere among the options. */
    public CommandSyntax withOperands(int max) {
        return new CommandSyntax(command, options, max, false, unknownOptionAdvice);
    }

    /**
     * Accepts a command to run: the first argument that is not an option, and every argument after it whatever
     * it looks like, are the operands; {@code --} before it is optional.
     */
    public CommandSyntax withCommandOperand() {
        return new CommandSyntax(command, options, Integer.MAX_VALUE, true, unknownOptionAdvice);
    }

    /** A sentence added to the message about an unknown option, e.g. where such an option belongs instead. */
    public CommandSyntax withUnknownOptionAdvice(String sentence) {
        return new CommandSyntax(command, options, maxOperands, commandOperand, " " + sentence);
    }

    /** The text every usage message ends with. */
    public String helpHint() {
        return "; run 'patchwork " + command + " --help' for every option.";
    }

    private CommandSyntax with(Kind kind, String... names) {
        Map<String, Option> more = new HashMap<>(options);
        Option option = new Option(names[0], kind);
        for (String name : names) {
            if (!name.startsWith("-") || name.contains("=") || isHelp(name) || more.containsKey(name)) {
                throw new IllegalArgumentException("option name '" + name + "' is taken or not an option name");
            }
            more.put(name, option);
        }
        return new CommandSyntax(command, more, maxOperands, commandOperand, unknownOptionAdvice);
    }

    /** Reads {@code args} by these rules; a {@link UsageException} names what is wrong. */
    public ParsedCommandLine parse(List<String> args) {
        List<OptionValue> given = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                addOperands(operands, args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (commandOperand) {
                    operands.addAll(args.subList(i, args.size()));
                    break;
                }
                addOperands(operands, List.of(arg));
                i++;
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (isHelp(name)) {
                return new ParsedCommandLine(true, given, operands);
            }
            Option option = options.get(name);
            if (option == null) {
                throw new UsageException("unknown option '" + name + "'" + helpHint() + unknownOptionAdvice);
            }
            i = read(option, name, eq > 0 ? arg.substring(eq + 1) : null, args, i + 1, given);
        }
        return new ParsedCommandLine(false, given, operands);
    }

    /** Reads the value(s) of {@code option} given as {@code name}; returns the index of the next argument. */
    private int read(Option option, String name, String joined, List<String> args, int next, List<OptionValue> given) {
        if (option.kind() == Kind.FLAG) {
            if (joined != null) {
                throw new UsageException("option " + name + " takes no value, got '" + joined + "'" + helpHint());
            }
            given.add(new OptionValue(option.name(), null));
            return next;
        }
        int i = next;
        String value = joined;
        if (value == null) {
            if (i >= args.size() || args.get(i).equals("--") || options.containsKey(args.get(i))) {
                throw new UsageException("option " + name + " needs a value, e.g. '" + name + " <value>'" + helpHint());
            }
            value = args.get(i++);
        }
        given.add(new OptionValue(option.name(), value));
        while (option.kind() == Kind.LIST && i < args.size() && !args.get(i).startsWith("--")) {
            given.add(new OptionValue(option.name(), args.get(i++)));
        }
        return i;
    }

    private void addOperands(List<String> operands, List<String> more) {
        if (operands.size() + more.size() > maxOperands) {
            String extra = more.get(Math.max(0, maxOperands - operands.size()));
            throw new UsageException("unexpected argument '" + extra + "'" + helpHint());
        }
        operands.addAll(more);
    }

    private static boolean isHelp(String name) {
        return name.equals("-h") || name.equals("--help");
    }
}
