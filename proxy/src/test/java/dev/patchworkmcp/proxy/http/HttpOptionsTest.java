package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.commandline.UsageException;
import dev.patchworkmcp.proxy.ProxyCommandLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's HTTP child bounds: {@code --max-children} and the shorter default idle time. */
class HttpOptionsTest {

    private static HttpFrontEndOptions options(String... args) {
        ProxyCommandLine.Invocation invocation = ProxyCommandLine.parse(List.of(args), Map.of());
        return ((ProxyCommandLine.Run) invocation).config().http();
    }

    @Test
    void boundsChildrenAndIdleTimeByDefault() {
        HttpFrontEndOptions options = options("--serve", "http", "--", "server");

        assertThat(options.maxChildren()).isEqualTo(16);
        assertThat(options.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void takesTheBoundAndTheIdleTimeFromTheCommandLine() {
        HttpFrontEndOptions options =
                options("--serve", "http", "--max-children", "3", "--session-idle-timeout", "30", "--", "server");

        assertThat(options.maxChildren()).isEqualTo(3);
        assertThat(options.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesABoundThatIsNotAPositiveNumber() {
        assertThatThrownBy(() -> options("--serve", "http", "--max-children", "many", "--", "server"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--max-children 'many'");
        assertThatThrownBy(() -> options("--serve", "http", "--max-children", "0", "--", "server"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--max-children must be at least 1");
    }
}
