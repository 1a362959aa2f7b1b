package dev.patchworkmcp.sidecar.drafting;

import java.util.List;

/**
 * What a draft is about: one report, or several similar ones (a cluster), each with its notes. Drafting only
 * ever sees this record, so it does not care where the reports came from.
 */
public record DraftSubject(List<SubjectReport> reports) {
    public DraftSubject {
        if (reports == null || reports.isEmpty()) {
            throw new IllegalArgumentException("a draft needs at least one report");
        }
        reports = List.copyOf(reports);
    }

    public static DraftSubject of(SubjectReport report) {
        return new DraftSubject(List.of(report));
    }

    /** The report the draft is named after (the first one). */
    public SubjectReport primary() {
        return reports.getFirst();
    }

    public List<String> reportIds() {
        return reports.stream().map(SubjectReport::id).toList();
    }

    public List<ReviewerNote> notes() {
        return reports.stream().flatMap(r -> r.notes().stream()).toList();
    }
}
