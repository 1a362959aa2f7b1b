package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void printsOneHunkWithThreeLinesOfContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\nnew\n";

        String diff = LineDiff.unified("old", "new", before, after);

        assertThat(diff).isEqualTo("""
                        --- old
                        +++ new
                        @@ -2,7 +2,8 @@
                         b
                         c
                         d
                        -e
                        +E
                         f
                         g
                         h
                        +new
                        """);
    }

    @Test
    void separatesChangesFarApartIntoHunks() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n";

        String diff = LineDiff.unified("a", "b", before, after);

        assertThat(diff)
                .contains("@@ -1,4 +1,4 @@\n-1\n+one\n")
                .contains("@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n");
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(LineDiff.unified("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
    }
}
