package dev.patchworkmcp.sidecar.drafting;

import java.util.function.Supplier;

/**
 * What every draft needs, shared by report drafts ({@link DraftApi}) and cluster drafts: how a settings snapshot
 * becomes a plan, where that snapshot comes from, and the history every run is recorded in. Built once by the
 * sidecar's composition root. Immutable; its parts are thread-safe.
 */
public record DraftFlow(DraftSetup setup, Supplier<DraftSettings> settings, DraftHistory history) {

    /** Plans a draft from a fresh settings snapshot; {@link DraftNotConfiguredException} names what is missing. */
    public DraftPlan plan() {
        return setup.plan(settings.get());
    }
}
