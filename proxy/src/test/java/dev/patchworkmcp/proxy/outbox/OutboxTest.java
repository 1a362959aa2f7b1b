package dev.patchworkmcp.proxy.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path temp;

    @Test
    void writesAReportUnderItsKeyWithoutLeftovers() throws Exception {
        Outbox outbox = new Outbox(temp.resolve("nested/outbox"));

        Path file = outbox.write("0b7c-key", "{\"what_i_needed\":\"x\"}");

        assertThat(Files.readString(file)).isEqualTo("{\"what_i_needed\":\"x\"}");
        assertThat(Outbox.keyOf(file)).isEqualTo("0b7c-key");
        try (var files = Files.list(outbox.directory())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void listsPendingReportsOldestFirst() throws Exception {
        Outbox outbox = new Outbox(temp);
        Path first = outbox.write("first", "{}");
        Files.writeString(temp.resolve("0000000000001-oldest.json"), "{}");

        assertThat(outbox.pending()).containsExactly(temp.resolve("0000000000001-oldest.json"), first);
    }

    @Test
    void movesARejectedReportAsideWithTheReason() throws Exception {
        Outbox outbox = new Outbox(temp);
        Path file = outbox.write("k1", "{}");

        Path moved = outbox.reject(file, "HTTP 422: {\"code\":\"missing_field\"}");

        assertThat(outbox.pending()).isEmpty();
        assertThat(moved).exists().hasParent(temp.resolve("rejected"));
        assertThat(temp.resolve("rejected").resolve(file.getFileName() + ".reason.txt"))
                .content()
                .contains("HTTP 422", "missing_field");
    }

    @Test
    void failsWithTheDirectoryAndCauseWhenItCannotWrite() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
        Outbox outbox = new Outbox(notADirectory.resolve("outbox"));

        assertThatThrownBy(() -> outbox.write("k", "{}"))
                .isInstanceOf(OutboxException.class)
                .hasMessageContaining(notADirectory.toString())
                .hasMessageContaining("--outbox");
    }

    @Test
    void toleratesAReportDeliveredMeanwhileByAnotherProxy() throws Exception {
        Outbox outbox = new Outbox(temp);
        Path file = outbox.write("k", "{}");
        Files.delete(file);

        assertThat(outbox.read(file)).isNull();
        outbox.delivered(file);
        assertThat(outbox.pending()).isEmpty();
    }
}
