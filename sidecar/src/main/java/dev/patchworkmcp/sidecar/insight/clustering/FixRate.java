package dev.patchworkmcp.sidecar.insight.clustering;

/**
 * Whether a fix worked: a resolved (or reopened) cluster's reports per day in the {@value #WINDOW_DAYS} days before
 * it was resolved, and per day since (over at least one day, so a report in the first hour does not read as 24 a
 * day). Immutable.
 */
public record FixRate(String resolvedAt, int before, int after, double beforePerDay, double afterPerDay) {
    public static final int WINDOW_DAYS = 14;
}
