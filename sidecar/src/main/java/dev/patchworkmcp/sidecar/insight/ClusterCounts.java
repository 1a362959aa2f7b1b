package dev.patchworkmcp.sidecar.insight;

import java.time.Instant;

/**
 * What a cluster's reports add up to: how many, from how many distinct sessions, clients and models, how
 * they ended (resolution counts), and when the first and last arrived. Immutable.
 */
public record ClusterCounts(
        int reports,
        int sessions,
        int clients,
        int models,
        int blocked,
        int partial,
        int workedAround,
        Instant firstSeen,
        Instant lastSeen) {}
