package dev.patchworkmcp.sidecar.drafting.context;

import dev.patchworkmcp.sidecar.drafting.repository.RepoFile;
import dev.patchworkmcp.sidecar.drafting.repository.RepoSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the model is shown: the files (whole or excerpts), the listing of the repository, what was left out. */
public record DraftContext(RepoSnapshot snapshot, List<ShownFile> files, List<String> listing, int listingOmitted) {
    public DraftContext {
        files = List.copyOf(files);
        listing = List.copyOf(listing);
    }

    public Optional<ShownFile> shown(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    public Map<String, RepoFile> existing() {
        return snapshot.byPath();
    }
}
