package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaudeAddLineTest {

    @Test
    void quotesOnlyWordsThatNeedIt() {
        assertThat(ClaudeAddLine.quote("--name")).isEqualTo("--name");
        assertThat(ClaudeAddLine.quote("/a/b.json")).isEqualTo("/a/b.json");
        assertThat(ClaudeAddLine.quote("two words")).isEqualTo("'two words'");
        assertThat(ClaudeAddLine.quote("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
        assertThat(ClaudeAddLine.quote("")).isEqualTo("''");
    }
}
