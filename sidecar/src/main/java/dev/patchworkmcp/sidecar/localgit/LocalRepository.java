package dev.patchworkmcp.sidecar.localgit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A git working copy on this machine, read and written with JGit. A draft becomes one commit on a new branch,
 * built directly in the object database: the working tree, the index and the checked-out branch are never
 * touched, so a developer's uncommitted work is safe. Not thread-safe; open one per draft.
 */
public final class LocalRepository implements AutoCloseable {
    private static final PersonIdent AUTHOR_TEMPLATE = new PersonIdent("PatchworkMCP", "patchwork@localhost");

    private final Path path;
    private final Repository repository;

    private LocalRepository(Path path, Repository repository) {
        this.path = path;
        this.repository = repository;
    }

    /** Opens the repository at {@code path} (a working copy or its {@code .git} directory). */
    public static LocalRepository open(Path path) {
        if (!Files.isDirectory(path)) {
            throw new LocalGitException(
                    "repo_path '" + path + "' is not a directory. Set FEEDBACK_REPO_PATH to a git working copy.");
        }
        try {
            Repository repository = new FileRepositoryBuilder()
                    .findGitDir(path.toFile())
                    .setMustExist(true)
                    .build();
            if (repository.getDirectory() == null
                    || !repository.getObjectDatabase().exists()) {
                throw new LocalGitException("repo_path '" + path + "' is not a git repository (run git init there).");
            }
            return new LocalRepository(path, repository);
        } catch (IOException | IllegalArgumentException e) {
            throw new LocalGitException(
                    "repo_path '" + path + "' is not a git repository (" + e.getMessage() + ").", e);
        }
    }

    /** The branch to draft against: {@code preferred} when it exists, else the checked-out branch. */
    public String baseBranch(String preferred) {
        try {
            if (preferred != null && !preferred.isBlank()) {
                if (repository.exactRef(Constants.R_HEADS + preferred) == null) {
                    throw new LocalGitException("the repository at " + path + " has no branch '" + preferred
                            + "'. Set default_branch to an existing branch or leave it empty.");
                }
                return preferred;
            }
            String current = repository.getBranch();
            if (current == null || repository.resolve(Constants.HEAD) == null) {
                throw new LocalGitException(
                        "the repository at " + path + " has no commits yet; commit something first.");
            }
            return current;
        } catch (IOException e) {
            throw new LocalGitException("could not read branches of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The commit a branch points at. */
    public String head(String branch) {
        try {
            Ref ref = repository.exactRef(Constants.R_HEADS + branch);
            if (ref == null || ref.getObjectId() == null) {
                throw new LocalGitException("the repository at " + path + " has no branch '" + branch + "'");
            }
            return ref.getObjectId().name();
        } catch (IOException e) {
            throw new LocalGitException("could not read branch '" + branch + "': " + e.getMessage(), e);
        }
    }

    /** Every file of a commit. */
    public List<LocalFile> files(String commit) {
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tree.setRecursive(true);
            List<LocalFile> files = new ArrayList<>();
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                // Links are listed too, so that the guardrails can refuse writing over or below them.
                if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE || mode == FileMode.SYMLINK) {
                    long size = tree.getObjectReader().getObjectSize(tree.getObjectId(0), Constants.OBJ_BLOB);
                    files.add(new LocalFile(tree.getPathString(), Integer.toOctalString(mode.getBits()), size));
                }
            }
            return files;
        } catch (IOException e) {
            throw new LocalGitException("could not list files of commit " + commit + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of one file in a commit. */
    public byte[] read(String commit, String file) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, file, revCommit.getTree())) {
                if (tree == null) {
                    throw new LocalGitException("'" + file + "' does not exist in commit " + commit);
                }
                return repository.open(tree.getObjectId(0)).getBytes();
            }
        } catch (IOException e) {
            throw new LocalGitException("could not read '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Commits {@code changes} (path to new content, {@code null} content to delete) on top of {@code parent} and
     * creates {@code branch} pointing at the commit; the branch must not exist yet. Returns the commit id.
     */
    public String commitOnNewBranch(String branch, String parent, String message, Map<String, String> changes) {
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            RevCommit base = walk.parseCommit(ObjectId.fromString(parent));
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            try (TreeWalk tree = new TreeWalk(reader)) {
                tree.addTree(base.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    if (!changes.containsKey(tree.getPathString())) {
                        DirCacheEntry entry = new DirCacheEntry(tree.getPathString());
                        entry.setFileMode(tree.getFileMode(0));
                        entry.setObjectId(tree.getObjectId(0));
                        builder.add(entry);
                    }
                }
            }
            for (Map.Entry<String, String> change : changes.entrySet()) {
                if (change.getValue() != null) {
                    DirCacheEntry entry = new DirCacheEntry(change.getKey());
                    entry.setFileMode(modeOf(base, reader, change.getKey()));
                    entry.setObjectId(inserter.insert(
                            Constants.OBJ_BLOB, change.getValue().getBytes(StandardCharsets.UTF_8)));
                    builder.add(entry);
                }
            }
            builder.finish();
            ObjectId treeId = index.writeTree(inserter);
            CommitBuilder commit = new CommitBuilder();
            PersonIdent author = new PersonIdent(AUTHOR_TEMPLATE, Instant.now(), ZoneOffset.UTC);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message);
            commit.setParentId(base);
            commit.setTreeId(treeId);
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            createBranch(branch, commitId);
            return commitId.name();
        } catch (IOException e) {
            throw new LocalGitException("could not commit the draft in " + path + ": " + e.getMessage(), e);
        }
    }

    private FileMode modeOf(RevCommit base, ObjectReader reader, String file) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(reader, file, base.getTree())) {
            FileMode mode = tree == null ? FileMode.REGULAR_FILE : tree.getFileMode(0);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                throw new LocalGitException("refusing to write '" + file + "': it is a symbolic link or a submodule"
                        + " in the base commit, and a draft never writes over links");
            }
            return mode;
        }
    }

    private void createBranch(String branch, ObjectId commitId) throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
        update.setExpectedOldObjectId(ObjectId.zeroId());
        update.setNewObjectId(commitId);
        update.setRefLogMessage("patchwork: draft", false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW) {
            throw new LocalGitException("could not create branch '" + branch + "' in " + path + " (" + result + ")");
        }
    }

    /** True when a branch of that name exists. */
    public boolean hasBranch(String branch) {
        try {
            return repository.exactRef(Constants.R_HEADS + branch) != null;
        } catch (IOException e) {
            throw new LocalGitException("could not read branch '" + branch + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
