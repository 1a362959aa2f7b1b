package dev.patchworkmcp.sidecar.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SecretMasker masker = SecretMasker.of(List.of(), JSON);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "openai-api-key | key sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 here",
                "openai-api-key | key sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd here",
                "anthropic-api-key | key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab here",
                "github-token | token ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 here",
                "github-token | token gho_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 here",
                "github-fine-grained-pat | token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz here",
                "aws-access-key | id AKIAIOSFODNN7EXAMPLE here",
                "aws-secret-key | aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1 here",
                "bearer-token | Authorization: Bearer abc.def-ghi_jkl~mno here",
                "jwt | t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U here",
                "url-password | postgres://app:s3cr3t-pass@db.internal:5432/prod here",
                "slack-token | xoxb-123456789012-abcdefghijkl here",
            })
    void masksEachKindOfSecret(String rule, String text) {
        String masked = masker.mask(text);

        assertThat(masked)
                .contains("[REDACTED:" + rule + "]")
                .endsWith(" here")
                .doesNotContain("0123456789abcd", "EXAMPLE", "s3cr3t", "ghi_jkl", "dozjg", "abcdefghijkl");
    }

    @Test
    void masksAPrivateKeyBlockWhole() {
        String text = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd==\n"
                + "-----END RSA PRIVATE KEY-----\nafter";

        assertThat(masker.mask(text)).isEqualTo("before\n[REDACTED:private-key]\nafter");
    }

    @Test
    void keepsTheUserAndHostOfAUrlAndTheWordBearer() {
        assertThat(masker.mask("https://alice:hunter22@example.com/x"))
                .isEqualTo("https://alice:[REDACTED:url-password]@example.com/x");
        assertThat(masker.mask("bearer 0123456789abcdef")).isEqualTo("bearer [REDACTED:bearer-token]");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "The search_nodes tool has no date filter; sk-short and ghp_x are not keys. See https://a.b/c.";

        assertThat(masker.mask(text)).isSameAs(text);
    }

    @Test
    void masksJsonValueByValueAndKeepsItValidJson() throws Exception {
        String json = "{\"env\":{\"TOKEN\":\"ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\"},\"n\":3,"
                + "\"url\":\"mysql://root:p\\\"w@db/x\"}";

        String masked = masker.maskJson(json);

        assertThat(JSON.readTree(masked).at("/env/TOKEN").asText()).isEqualTo("[REDACTED:github-token]");
        assertThat(JSON.readTree(masked).get("n").asInt()).isEqualTo(3);
        assertThat(masked).doesNotContain("ghp_AbCd");
    }

    @Test
    void appliesExtraPatternsAfterTheBuiltInOnes() {
        SecretMasker custom = SecretMasker.of(List.of("acme_[a-z0-9]{12}"), JSON);

        assertThat(custom.mask("key acme_0123456789ab end")).isEqualTo("key [REDACTED:custom-1] end");
    }

    @Test
    void refusesAnExtraPatternThatDoesNotCompileNamingIt() {
        assertThatThrownBy(() -> SecretMasker.of(List.of("(unclosed"), JSON))
                .isInstanceOf(MaskingException.class)
                .hasMessageContaining("custom-1");
    }
}
