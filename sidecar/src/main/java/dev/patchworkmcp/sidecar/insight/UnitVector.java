package dev.patchworkmcp.sidecar.insight;

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
        return dot(other.values);
    }

    double dot(float[] other) {
        if (other.length != values.length) {
            throw new IllegalArgumentException("cannot compare a vector of dimension " + values.length
                    + " with one of dimension " + other.length + "; re-cluster to re-embed every report");
        }
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * other[i];
        }
        return sum;
    }

    double dot(double[] other) {
        if (other.length != values.length) {
            throw new IllegalArgumentException("cannot compare a vector of dimension " + values.length
                    + " with a centroid of dimension " + other.length + "; re-cluster to re-embed every report");
        }
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * other[i];
        }
        return sum;
    }

    void addTo(double[] sum, int sign) {
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
