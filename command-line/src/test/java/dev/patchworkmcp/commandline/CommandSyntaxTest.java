package dev.patchworkmcp.commandline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSyntaxTest {
    private static final CommandSyntax SYNTAX = CommandSyntax.of("demo")
            .withFlag("-v", "--verbose")
            .withOption("--db", "--database")
            .withOption("--header")
            .withList("--only")
            .withOperands(1);

    private static ParsedCommandLine parse(String... args) {
        return SYNTAX.parse(List.of(args));
    }

    @Test
    void readsAValueAfterTheOptionOrJoinedWithAnEqualsSign() {
        ParsedCommandLine separate = parse("--db", "a.db");
        ParsedCommandLine joined = parse("--db=a.db");

        assertThat(separate.value("--db")).isEqualTo("a.db");
        assertThat(joined.value("--db")).isEqualTo("a.db");
    }

    @Test
    void keepsEverythingAfterTheFirstEqualsSignAsTheValue() {
        ParsedCommandLine parsed = parse("--header=Authorization: Bearer a=b");

        assertThat(parsed.value("--header")).isEqualTo("Authorization: Bearer a=b");
    }

    @Test
    void namesAnOptionByItsFirstNameWhicheverAliasWasGiven() {
        ParsedCommandLine parsed = parse("--database", "a.db", "--verbose");

        assertThat(parsed.value("--db")).isEqualTo("a.db");
        assertThat(parsed.has("-v")).isTrue();
    }

    @Test
    void keepsEveryValueOfARepeatedOptionInOrderAndTheLastAsTheValue() {
        ParsedCommandLine parsed = parse("--header", "A: 1", "--header=B: 2");

        assertThat(parsed.values("--header")).containsExactly("A: 1", "B: 2");
        assertThat(parsed.value("--header")).isEqualTo("B: 2");
        assertThat(parsed.options()).extracting(OptionValue::name).containsExactly("--header", "--header");
    }

    @Test
    void readsAListUpToTheNextLongOption() {
        ParsedCommandLine parsed = parse("--only", "a", "b", "--verbose", "--only=c");

        assertThat(parsed.values("--only")).containsExactly("a", "b", "c");
        assertThat(parsed.has("-v")).isTrue();
    }

    @Test
    void answersHelpWhereverItStandsAmongTheOptions() {
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("-v", "-h").help()).isTrue();
        assertThat(parse("-v").help()).isFalse();
    }

    @Test
    void refusesAnUnknownOptionInOneLineNamingHelp() {
        assertThatThrownBy(() -> parse("--colour=red"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--colour'; run 'patchwork demo --help' for every option.");
    }

    @Test
    void addsTheCommandsAdviceToTheUnknownOptionMessage() {
        CommandSyntax syntax = CommandSyntax.of("demo").withUnknownOptionAdvice("Put it after the server.");

        assertThatThrownBy(() -> syntax.parse(List.of("-x")))
                .hasMessage(
                        "unknown option '-x'; run 'patchwork demo --help' for every option. Put it after the server.");
    }

    @Test
    void refusesAMissingValueAndTakesNoOtherOptionAsAValue() {
        assertThatThrownBy(() -> parse("--db"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("option --db needs a value, e.g. '--db <value>'");
        assertThatThrownBy(() -> parse("--db", "--verbose")).hasMessageContaining("--db needs a value");
        assertThatThrownBy(() -> parse("--db", "--")).hasMessageContaining("--db needs a value");
    }

    @Test
    void takesAValueThatStartsWithADashWhenItIsNoOption() {
        ParsedCommandLine parsed = parse("--db", "-1");

        assertThat(parsed.value("--db")).isEqualTo("-1");
    }

    @Test
    void refusesAValueGivenToAFlag() {
        assertThatThrownBy(() -> parse("--verbose=yes"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("option --verbose takes no value, got 'yes'");
    }

    @Test
    void acceptsOperandsUpToTheDeclaredNumber() {
        ParsedCommandLine parsed = parse("file.jsonl", "-v");

        assertThat(parsed.operands()).containsExactly("file.jsonl");
        assertThatThrownBy(() -> parse("a", "b"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unexpected argument 'b'");
        assertThatThrownBy(() -> CommandSyntax.of("none").parse(List.of("x")))
                .hasMessage("unexpected argument 'x'; run 'patchwork none --help' for every option.");
    }

    @Test
    void takesEverythingFromTheFirstOperandOnAsTheCommandWithOrWithoutDoubleDash() {
        CommandSyntax syntax = CommandSyntax.of("proxy").withFlag("-v").withCommandOperand();

        assertThat(syntax.parse(List.of("-v", "npx", "-y", "srv", "--help")).operands())
                .containsExactly("npx", "-y", "srv", "--help");
        assertThat(syntax.parse(List.of("--", "srv", "--", "-v")).operands()).containsExactly("srv", "--", "-v");
        assertThat(syntax.parse(List.of("--", "srv")).has("-v")).isFalse();
    }

    @Test
    void refusesToDeclareOneNameTwice() {
        assertThatThrownBy(() -> SYNTAX.withFlag("--db")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SYNTAX.withFlag("--help")).isInstanceOf(IllegalArgumentException.class);
    }
}
