package dev.patchworkmcp.sidecar.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in rule table. No maintained secret rule set is published as a Maven artifact, so this is a small
 * table written for the common cases; each rule names the gitleaks rule (github.com/gitleaks/gitleaks,
 * {@code config/gitleaks.toml}, MIT) it corresponds to, so the two can be compared when either changes. Order
 * matters: more specific rules first (an Anthropic key also looks like an OpenAI one).
 */
public final class SecretRules {
    private SecretRules() {}

    /** The built-in rules followed by {@code extra} (regular expressions named {@code custom-1}, ...). */
    public static List<SecretRule> withExtra(List<String> extra) {
        List<SecretRule> rules = new ArrayList<>(builtIn());
        for (int i = 0; i < extra.size(); i++) {
            rules.add(SecretRule.of("custom-" + (i + 1), extra.get(i)));
        }
        return List.copyOf(rules);
    }

    public static List<SecretRule> builtIn() {
        return List.of(
                // gitleaks: private-key
                SecretRule.of(
                        "private-key",
                        "-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]{0,20000}?"
                                + "-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
                        List.of("private key")),
                // gitleaks: anthropic-api-key, anthropic-admin-api-key
                SecretRule.of("anthropic-api-key", "\\bsk-ant-[A-Za-z0-9_-]{20,}", List.of("sk-ant-")),
                // gitleaks: openai-api-key (project, service-account and legacy keys)
                SecretRule.of("openai-api-key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", List.of("sk-")),
                // gitleaks: github-pat, github-oauth, github-app-token, github-refresh-token
                SecretRule.of(
                        "github-token",
                        "\\bgh[pousr]_[A-Za-z0-9]{36,}",
                        List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
                // gitleaks: github-fine-grained-pat
                SecretRule.of("github-fine-grained-pat", "\\bgithub_pat_[A-Za-z0-9_]{22,}", List.of("github_pat_")),
                // gitleaks: aws-access-token
                SecretRule.of(
                        "aws-access-key",
                        "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b",
                        List.of("a3t", "akia", "asia", "abia", "acca")),
                // no gitleaks counterpart with a keyword: the secret half of an AWS key pair, when labelled
                SecretRule.of(
                        "aws-secret-key",
                        "(?i)aws_?secret_?(?:access_?)?key[\"']?\\s*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9/+=]{40})",
                        List.of("aws")),
                // gitleaks: slack-bot-token, slack-user-token, slack-app-token
                SecretRule.of("slack-token", "\\bxox[abposr]-[A-Za-z0-9-]{10,}", List.of("xox")),
                // gitleaks: jwt
                SecretRule.of(
                        "jwt", "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", List.of("eyj")),
                // gitleaks: generic-api-key covers this loosely; the Authorization header form
                SecretRule.of("bearer-token", "(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)", List.of("bearer")),
                // gitleaks: none (its allowlist handles URLs); the password of scheme://user:password@host
                SecretRule.of(
                        "url-password",
                        "(?i)\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@\"']{1,200}:(?<secret>[^\\s@/\"']{1,200})@",
                        List.of("://")));
    }
}
