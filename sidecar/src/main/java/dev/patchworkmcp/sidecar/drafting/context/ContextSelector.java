package dev.patchworkmcp.sidecar.drafting.context;

import dev.patchworkmcp.sidecar.drafting.DraftException;
import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import dev.patchworkmcp.sidecar.drafting.DraftSubject;
import dev.patchworkmcp.sidecar.drafting.SubjectReport;
import dev.patchworkmcp.sidecar.drafting.repository.RepoFile;
import dev.patchworkmcp.sidecar.drafting.repository.RepoSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Chooses what the model sees within a byte budget: ranks eligible files by path, reads the best candidates,
 * re-ranks them by content, then shows each whole when it fits, else as an excerpt around the lines that matter
 * (numbered), else not at all, and says which for every file. Nothing is cut silently. Immutable.
 */
public final class ContextSelector {
    private static final Set<String> STOP_WORDS = Set.of(
            "about", "after", "agent", "could", "would", "should", "there", "these", "those", "their", "which", "where",
            "while", "with", "without", "tried", "needed", "wanted", "other", "again", "because", "being", "tool",
            "tools", "server", "using", "string", "value", "return", "every", "first", "found");

    private static final int PARALLEL_READS = 6;

    private final ContextBudget budget;

    public ContextSelector(ContextBudget budget) {
        this.budget = budget;
    }

    public DraftContext select(
            DraftSubject subject,
            RepoSnapshot snapshot,
            BiFunction<RepoSnapshot, String, byte[]> reader,
            DraftProgress progress) {
        FileScorer scorer = new FileScorer(subject.primary().serverName(), reportWords(subject));
        List<RepoFile> eligible =
                snapshot.files().stream().filter(scorer::eligible).toList();
        List<RepoFile> candidates = eligible.stream()
                .sorted(Comparator.comparingInt(scorer::pathScore).reversed().thenComparing(RepoFile::path))
                .limit(budget.filesToRead())
                .toList();
        progress.step("Reading " + candidates.size() + " candidate files of " + eligible.size() + " eligible...");
        List<Candidate> read = readAll(candidates, snapshot, reader, scorer, progress);
        read.sort(Comparator.comparingInt(Candidate::score)
                .reversed()
                .thenComparing(c -> c.file().path()));
        List<ShownFile> shown = fill(read, progress);
        List<String> listing = eligible.stream().map(RepoFile::path).sorted().toList();
        int omitted = Math.max(0, listing.size() - budget.listingEntries());
        return new DraftContext(snapshot, shown, listing.subList(0, listing.size() - omitted), omitted);
    }

    /** Reads the candidates a few at a time (GitHub answers each in a round trip), reporting in rank order. */
    private List<Candidate> readAll(
            List<RepoFile> candidates,
            RepoSnapshot snapshot,
            BiFunction<RepoSnapshot, String, byte[]> reader,
            FileScorer scorer,
            DraftProgress progress) {
        List<Future<Read>> reads = new ArrayList<>();
        Semaphore permits = new Semaphore(PARALLEL_READS);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RepoFile file : candidates) {
                reads.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return Read.of(file, () -> reader.apply(snapshot, file.path()));
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Candidate> read = new ArrayList<>();
            for (Future<Read> future : reads) {
                candidate(future.get(), scorer, progress).ifPresent(read::add);
            }
            return read;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DraftException("Interrupted while reading the repository.", e);
        } catch (ExecutionException e) {
            throw new DraftException(
                    "Could not read the repository: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private record Read(RepoFile file, byte[] bytes, RuntimeException failure) {
        static Read of(RepoFile file, Supplier<byte[]> reader) {
            try {
                return new Read(file, reader.get(), null);
            } catch (RuntimeException e) {
                return new Read(file, null, e);
            }
        }
    }

    private static Optional<Candidate> candidate(Read read, FileScorer scorer, DraftProgress progress) {
        RepoFile file = read.file();
        if (read.failure() != null) {
            progress.detail("  could not read " + file.path() + ", skipped: "
                    + read.failure().getMessage());
            return Optional.empty();
        }
        byte[] bytes = read.bytes();
        for (byte b : bytes) {
            if (b == 0) {
                progress.detail("  skipped " + file.path() + " (binary)");
                return Optional.empty();
            }
        }
        String content = new String(bytes, StandardCharsets.UTF_8);
        FileScorer.ContentScore contentScore = scorer.contentScore(content);
        progress.detail("  read " + file.path() + " (" + bytes.length + " bytes)");
        return Optional.of(
                new Candidate(file, content, scorer.pathScore(file) + contentScore.score(), contentScore.lines()));
    }

    private List<ShownFile> fill(List<Candidate> candidates, DraftProgress progress) {
        List<ShownFile> shown = new ArrayList<>();
        int remaining = budget.contextBytes();
        for (Candidate candidate : candidates) {
            if (shown.size() >= budget.filesShown()) {
                progress.detail("  not shown: " + candidate.file().path() + " (enough files shown)");
                continue;
            }
            int size = candidate.content().getBytes(StandardCharsets.UTF_8).length;
            if (size <= remaining) {
                int lines = (int) candidate.content().lines().count();
                shown.add(new ShownFile(
                        candidate.file().path(),
                        candidate.file().mode(),
                        candidate.content(),
                        true,
                        candidate.content(),
                        "whole file, " + lines + " lines"));
                remaining -= size;
                progress.detail("  showing " + candidate.file().path() + " whole (" + size + " bytes)");
                continue;
            }
            ShownFile excerpt = Excerpt.of(candidate.file(), candidate.content(), candidate.lines(), budget, remaining);
            if (excerpt == null) {
                progress.detail("  not shown: " + candidate.file().path() + " (" + size + " bytes, over the budget)");
                continue;
            }
            shown.add(excerpt);
            remaining -= excerpt.rendered().getBytes(StandardCharsets.UTF_8).length;
            progress.detail("  showing " + candidate.file().path() + " as an excerpt (" + excerpt.extent() + ")");
        }
        return shown;
    }

    /** Distinct words of five letters or more from the report, for matching file contents. */
    static List<String> reportWords(DraftSubject subject) {
        Set<String> words = new LinkedHashSet<>();
        for (SubjectReport report : subject.reports()) {
            Stream.concat(
                            Stream.of(report.whatINeeded(), report.whatITried(), report.suggestion()),
                            report.toolsAvailable().stream())
                    .filter(text -> text != null)
                    .flatMap(text -> Stream.of(text.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")))
                    .filter(word -> word.length() >= 5 && !STOP_WORDS.contains(word))
                    .forEach(words::add);
        }
        return words.stream().limit(40).toList();
    }

    private record Candidate(RepoFile file, String content, int score, List<Integer> lines) {}
}
