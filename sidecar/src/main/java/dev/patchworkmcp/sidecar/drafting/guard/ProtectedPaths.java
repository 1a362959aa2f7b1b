package dev.patchworkmcp.sidecar.drafting.guard;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Paths a draft may not touch: anything under {@code .github/} and secrets or git plumbing, always; CI
 * configuration and dependency manifests unless a reviewer's note allows it ({@link ReviewerPermissions}).
 * Checked on normalised paths, case-insensitively (case-insensitive file systems exist). Immutable.
 */
final class ProtectedPaths {
    private static final Set<String> ALWAYS_NAMES = Set.of(".gitmodules", ".gitattributes", ".env", ".netrc");
    private static final Set<String> CI_DIRECTORIES = Set.of(".circleci", ".buildkite", ".gitlab", ".woodpecker");
    private static final Set<String> CI_NAMES = Set.of(
            ".gitlab-ci.yml",
            ".gitlab-ci.yaml",
            ".travis.yml",
            "jenkinsfile",
            "azure-pipelines.yml",
            "bitbucket-pipelines.yml",
            ".drone.yml",
            "appveyor.yml",
            ".woodpecker.yml",
            "cloudbuild.yaml",
            "cloudbuild.yml",
            ".pre-commit-config.yaml");
    private static final Set<String> DEPENDENCY_NAMES = Set.of(
            "package.json",
            "package-lock.json",
            "npm-shrinkwrap.json",
            "yarn.lock",
            "pnpm-lock.yaml",
            "pnpm-workspace.yaml",
            "bun.lockb",
            "bun.lock",
            ".npmrc",
            ".yarnrc",
            ".yarnrc.yml",
            "deno.json",
            "deno.lock",
            "constraints.txt",
            "pyproject.toml",
            "setup.py",
            "setup.cfg",
            "pipfile",
            "pipfile.lock",
            "poetry.lock",
            "uv.lock",
            "pdm.lock",
            ".pypirc",
            "pip.conf",
            "go.mod",
            "go.sum",
            "go.work",
            "cargo.toml",
            "cargo.lock",
            "pom.xml",
            "build.gradle",
            "build.gradle.kts",
            "settings.gradle",
            "settings.gradle.kts",
            "gradle.properties",
            "gradle-wrapper.properties",
            "gradlew",
            "gradlew.bat",
            "mvnw",
            "mvnw.cmd",
            "gemfile",
            "gemfile.lock",
            "composer.json",
            "composer.lock",
            "mix.exs",
            "mix.lock",
            "packages.config",
            "directory.packages.props");
    private static final Pattern DEPENDENCY_PATTERNS =
            Pattern.compile("(requirements.*\\.(txt|in)|.*\\.gemspec|.*\\.csproj|.*\\.fsproj)");

    private ProtectedPaths() {}

    /** Why the normalised path may not be changed, or empty when it may. */
    static Optional<String> refusal(String path, ReviewerPermissions permissions) {
        // Compared as the names look: '.GitHub', '.github.', a full-width or Cyrillic look-alike are '.github'.
        String[] segments =
                Arrays.stream(path.split("/")).map(Lookalikes::skeleton).toArray(String[]::new);
        String name = segments[segments.length - 1];
        if (segments[0].equals(".github")) {
            return Optional.of("'" + path + "' is under .github/ (workflows and repository settings are never"
                    + " changed by a draft)");
        }
        if (ALWAYS_NAMES.contains(name) || name.startsWith(".env.")) {
            return Optional.of("'" + path + "' is git plumbing or may hold secrets");
        }
        boolean ci = CI_DIRECTORIES.contains(segments[0]) || CI_NAMES.contains(name);
        if (ci && !permissions.ci()) {
            return Optional.of("'" + path + "' is CI configuration; a reviewer's note 'allow: ci' is needed");
        }
        boolean dependency = DEPENDENCY_NAMES.contains(name)
                || DEPENDENCY_PATTERNS.matcher(name).matches()
                || Arrays.asList(segments).contains(".mvn");
        if (dependency && !permissions.dependencies()) {
            return Optional.of("'" + path + "' is a dependency manifest or lock file; a reviewer's note"
                    + " 'allow: dependencies' is needed");
        }
        return Optional.empty();
    }
}
