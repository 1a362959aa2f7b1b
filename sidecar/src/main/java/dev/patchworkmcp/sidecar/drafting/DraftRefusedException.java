package dev.patchworkmcp.sidecar.drafting;

import java.util.List;

/** The model's answer broke a guardrail; nothing was written. Lists every violation found. */
public final class DraftRefusedException extends DraftException {
    private final List<String> violations;

    public DraftRefusedException(List<String> violations) {
        super("Refused the model's change before writing anything: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
