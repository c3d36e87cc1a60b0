package io.jenkins.plugins.mlpipeline.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the lines a run delivered (before and after a restart, concatenated) with the lines its container
 * wrote: {@code step 1 of N} ... {@code step N of N}.
 *
 * @param lost       expected lines never delivered
 * @param duplicated deliveries beyond the first of a line
 * @param unexpected delivered lines that the container never wrote
 * @param outOfOrder whether the expected lines came in another order
 */
record LineAudit(long lost, long duplicated, long unexpected, boolean outOfOrder) {

    static LineAudit of(List<String> delivered, int expectedLines) {
        Map<String, Integer> seen = new HashMap<>();
        long unexpected = 0;
        int lastStep = 0;
        boolean outOfOrder = false;
        for (String line : delivered) {
            int step = stepOf(line, expectedLines);
            if (step < 0) {
                unexpected++;
                continue;
            }
            if (step <= lastStep) {
                outOfOrder = true;
            }
            lastStep = step;
            seen.merge(line, 1, Integer::sum);
        }
        long lost = 0;
        long duplicated = 0;
        for (int i = 1; i <= expectedLines; i++) {
            int count = seen.getOrDefault(RestartRecoveryBench.line(i), 0);
            if (count == 0) {
                lost++;
            } else {
                duplicated += count - 1;
            }
        }
        return new LineAudit(lost, duplicated, unexpected, outOfOrder);
    }

    private static int stepOf(String line, int expectedLines) {
        String suffix = " of " + expectedLines;
        if (!line.startsWith("step ") || !line.endsWith(suffix)) {
            return -1;
        }
        try {
            int step = Integer.parseInt(line.substring(5, line.length() - suffix.length()));
            return step >= 1 && step <= expectedLines ? step : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
