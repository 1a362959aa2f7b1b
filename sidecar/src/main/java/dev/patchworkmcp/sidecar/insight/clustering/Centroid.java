package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The running mean of a cluster's report vectors, kept as a sum and a count so members can be added and
 * removed exactly. Similarity to a report is the cosine between the report and the mean. Not thread-safe:
 * the cluster index guards it.
 */
public final class Centroid {
    private final double[] sum;
    private int count;
    private float[] unitMean;

    private Centroid(double[] sum, int count) {
        this.sum = sum;
        this.count = count;
    }

    public static Centroid empty(int dimension) {
        return new Centroid(new double[dimension], 0);
    }

    public static Centroid of(UnitVector first) {
        Centroid centroid = empty(first.dimension());
        centroid.add(first);
        return centroid;
    }

    /** Decodes what {@link #encode()} wrote, with the member count stored beside it. */
    public static Centroid decode(String base64, int count) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        double[] sum = new double[bytes.remaining() / Double.BYTES];
        bytes.asDoubleBuffer().get(sum);
        return new Centroid(sum, count);
    }

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(sum.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(sum);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    public void add(UnitVector member) {
        member.addTo(sum, 1);
        count++;
        unitMean = null;
    }

    public void remove(UnitVector member) {
        member.addTo(sum, -1);
        count--;
        unitMean = null;
    }

    public void addAll(Centroid other) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.sum[i];
        }
        count += other.count;
        unitMean = null;
    }

    public int count() {
        return count;
    }

    /** Cosine similarity between {@code vector} and this centroid's mean; 0 when empty. */
    public double similarity(UnitVector vector) {
        if (unitMean == null) {
            // The mean's direction as floats: a float dot product is what the JIT vectorises best.
            double squares = 0;
            for (double v : sum) {
                squares += v * v;
            }
            double norm = Math.sqrt(squares);
            unitMean = new float[sum.length];
            for (int i = 0; i < sum.length && norm > 0; i++) {
                unitMean[i] = (float) (sum[i] / norm);
            }
        }
        return vector.dotFloats(unitMean);
    }

    /**
     * The mean cosine similarity between a member of this cluster and a member of {@code other}: average linkage,
     * exact for unit vectors and computed from the two sums alone, so no pairwise matrix over reports is needed.
     */
    public double averageSimilarity(Centroid other) {
        if (count == 0 || other.count == 0) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < sum.length; i++) {
            dot += sum[i] * other.sum[i];
        }
        return dot / ((double) count * other.count);
    }

    public Centroid copy() {
        return new Centroid(sum.clone(), count);
    }
}
