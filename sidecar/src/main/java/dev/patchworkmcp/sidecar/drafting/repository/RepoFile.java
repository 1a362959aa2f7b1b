package dev.patchworkmcp.sidecar.drafting.repository;

/** A file of the repository being drafted against: path, git mode and size in bytes. */
public record RepoFile(String path, String mode, long size) {
    /** Git's mode of a symbolic link. */
    public static final String SYMLINK = "120000";

    public boolean symlink() {
        return SYMLINK.equals(mode);
    }

    /** A plain or executable file: the only kind a draft reads or writes. */
    public boolean regular() {
        return "100644".equals(mode) || "100755".equals(mode);
    }
}
