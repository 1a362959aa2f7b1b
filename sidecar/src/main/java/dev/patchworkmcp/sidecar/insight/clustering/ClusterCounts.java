package dev.patchworkmcp.sidecar.insight.clustering;

import java.time.Instant;

/**
 * What a cluster's reports add up to: how many, from how many distinct sessions, clients and models, how
 * they ended (resolution counts), how many are not reviewed yet, and when the first and last arrived. A report
 * without a session id counts as a session of its own. Immutable.
 */
public record ClusterCounts(
        int reports,
        int sessions,
        int clients,
        int models,
        int blocked,
        int partial,
        int workedAround,
        int unreviewed,
        Instant firstSeen,
        Instant lastSeen) {}
