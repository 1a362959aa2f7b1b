package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWriterTest {
    final ConfigWriter writer = new ConfigWriter(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    @TempDir
    Path dir;

    @Test
    void refusesWhenTheFileChangedSinceItWasRead() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"mcpServers\":{}}");
        ConfigDocument document = ConfigDocument.read(file, false);
        Files.writeString(file, "{\"mcpServers\":{\"new\":{}}}");

        assertThatThrownBy(() -> writer.replace(document, "{}"))
                .isInstanceOf(WrapException.class)
                .hasMessageContaining("changed while patchwork wrap was working");
        assertThat(Files.readString(file)).isEqualTo("{\"mcpServers\":{\"new\":{}}}");
    }

    @Test
    void numbersBackupsTakenInTheSameSecond() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{}");

        writer.replace(ConfigDocument.read(file, false), "{\"a\":1}");
        Path second = writer.replace(ConfigDocument.read(file, false), "{\"a\":2}");

        assertThat(second.getFileName().toString()).isEqualTo("c.json.patchwork-backup-20260102T030405Z-2");
        assertThat(Files.readString(second)).isEqualTo("{\"a\":1}");
        assertThat(Files.readString(file)).isEqualTo("{\"a\":2}");
    }

    @Test
    void anEmptyFileReadsAsAnEmptyObject() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "  \n");

        assertThat(ConfigDocument.read(file, false).copyOfRoot().isEmpty()).isTrue();
    }
}
