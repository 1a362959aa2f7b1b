package dev.patchworkmcp.sidecar.drafting;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Names draft branches {@code patchwork/feedback-<report id>-<gap type>-<UTC date-time>-<random>}: only
 * {@code [a-z0-9-]} from the untrusted report fields, a timestamp with year and seconds, and a random suffix so
 * two drafts never collide. Every call of the supplier gives a fresh name. Thread-safe.
 */
public final class BranchNames implements Supplier<String> {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final Clock clock;

    public BranchNames(DraftSubject subject, Clock clock) {
        SubjectReport report = subject.primary();
        String id = slug(report.id(), 8);
        String gap = slug(report.gapType(), 24);
        this.prefix = "patchwork/feedback-" + (id.isEmpty() ? "report" : id) + (gap.isEmpty() ? "" : "-" + gap);
        this.clock = clock;
    }

    @Override
    public String get() {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return prefix + "-" + STAMP.format(clock.instant()) + "-"
                + HexFormat.of().formatHex(random);
    }

    /** Lower-case letters, digits and single dashes, at most {@code max} characters, no leading/trailing dash. */
    static String slug(String text, int max) {
        if (text == null) {
            return "";
        }
        String slug =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max).replaceAll("-+$", "");
        }
        return slug;
    }
}
