package dev.patchworkmcp.sidecar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.masking.SecretMasker;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of masking one report's texts: a typical report (what was needed and tried, a suggestion, and the
 * proxy's context with 20 recent calls, about 3 KB) without a secret, and the same with four secrets. Prints
 * the median of 20 runs of 2000 reports each. Usage: {@code MaskingBench}; figures in bench/README.md.
 */
public final class MaskingBench {
    private MaskingBench() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        SecretMasker masker = SecretMasker.of(List.of(), json);
        StringBuilder context = new StringBuilder("{\"recent_calls\":[");
        for (int i = 0; i < 20; i++) {
            context.append(i == 0 ? "" : ",")
                    .append("{\"tool\":\"list_costs\",\"arguments_bytes\":120,\"error\":false,\"latency_ms\":12.5}");
        }
        context.append("],\"tools\":[\"list_costs\",\"get_cost\",\"search_runs\",\"export_csv\"]}");
        String needed = "I needed the cost of run 42 filtered by date range, but list_costs has no filter. ".repeat(6);
        String tried = "Called list_costs with page=1..5 and get_cost for each id, then summed by hand. ".repeat(6);
        String secrets = " token ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 key sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz01"
                + " url postgres://app:pw123456@db/x Bearer abcdefghijklmnop";
        run("report without secrets", masker, needed, tried, context.toString());
        run("report with 4 secrets", masker, needed + secrets, tried, context.toString());
    }

    private static void run(String label, SecretMasker masker, String needed, String tried, String context) {
        int reports = 2000;
        long[] perReport = new long[20];
        for (int round = -5; round < perReport.length; round++) {
            long began = System.nanoTime();
            int sink = 0;
            for (int i = 0; i < reports; i++) {
                sink += masker.mask(needed).length() + masker.mask(tried).length();
                sink += masker.mask("add a date filter to list_costs").length();
                sink += masker.maskJson(context).length();
            }
            if (round >= 0) {
                perReport[round] = (System.nanoTime() - began) / reports;
            }
            if (sink == 42) {
                System.out.println();
            }
        }
        Arrays.sort(perReport);
        System.out.printf(
                "%-24s median %.1f us per report (%d chars of text and context)%n",
                label, perReport[perReport.length / 2] / 1000.0, needed.length() + tried.length() + context.length());
    }
}
