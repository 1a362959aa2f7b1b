package dev.patchworkmcp.sidecar.insight.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * A vector of length 1, as produced by the report embedder. Cosine similarity between two unit vectors
 * is their dot product. Stored as base64 of little-endian float32 so the same TEXT column works on SQLite
 * and PostgreSQL. Immutable (the array is never handed out), so thread-safe.
 */
public final class UnitVector {
    private final float[] values;

    private UnitVector(float[] values) {
        this.values = values;
    }

    /** Normalises {@code values} (copied) to length 1; a zero vector stays zero. */
    public static UnitVector of(float[] values) {
        float[] copy = values.clone();
        double norm = 0;
        for (float v : copy) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = (float) (copy[i] / norm);
            }
        }
        return new UnitVector(copy);
    }

    /** Decodes what {@link #encode()} wrote. */
    public static UnitVector decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return new UnitVector(values);
    }

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    public int dimension() {
        return values.length;
    }

    /** Cosine similarity, in [-1, 1]. */
    public double cosine(UnitVector other) {
        return dotFloats(other.values);
    }

    public double dotFloats(float[] other) {
        if (other.length != values.length) {
            throw new IllegalArgumentException("cannot compare a vector of dimension " + values.length
                    + " with one of dimension " + other.length + "; re-cluster to re-embed every report");
        }
        // Four partial sums: independent chains the CPU can run in parallel (384 dimensions = 96 rounds).
        float a = 0, b = 0, c = 0, d = 0;
        int i = 0;
        for (; i + 3 < values.length; i += 4) {
            a += values[i] * other[i];
            b += values[i + 1] * other[i + 1];
            c += values[i + 2] * other[i + 2];
            d += values[i + 3] * other[i + 3];
        }
        for (; i < values.length; i++) {
            a += values[i] * other[i];
        }
        return (double) a + b + c + d;
    }

    public void addTo(double[] sum, int sign) {
        for (int i = 0; i < values.length; i++) {
            sum[i] += sign * values[i];
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnitVector that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "UnitVector[dimension=" + values.length + "]";
    }
}
