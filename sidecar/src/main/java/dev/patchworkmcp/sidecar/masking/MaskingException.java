package dev.patchworkmcp.sidecar.masking;

/** A masking rule cannot be used (an extra pattern that does not compile); the message names it. */
public final class MaskingException extends RuntimeException {
    public MaskingException(String message) {
        super(message);
    }
}
