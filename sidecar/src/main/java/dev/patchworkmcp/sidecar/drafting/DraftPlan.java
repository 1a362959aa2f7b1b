package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.drafting.context.ContextBudget;
import dev.patchworkmcp.sidecar.drafting.guard.DraftLimits;
import dev.patchworkmcp.sidecar.drafting.model.DraftModel;
import dev.patchworkmcp.sidecar.drafting.model.LlmProvider;
import dev.patchworkmcp.sidecar.drafting.repository.DraftTarget;
import java.time.Clock;

/** Everything one draft run uses: where to write, which model, and the budgets and limits. */
public record DraftPlan(
        DraftTarget target,
        DraftModel model,
        LlmProvider provider,
        String modelName,
        ContextBudget budget,
        DraftLimits limits,
        Clock clock) {

    /** For messages and the pull request body, e.g. {@code Anthropic (claude-sonnet-4-5)}. */
    public String modelLabel() {
        return provider.label() + " (" + modelName + ")";
    }
}
