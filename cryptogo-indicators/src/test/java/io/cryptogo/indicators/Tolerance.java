package io.cryptogo.indicators;

import static org.assertj.core.api.Assertions.fail;

/** The agreement rule: 1e-4 absolute or 1e-7 relative, whichever is looser. */
final class Tolerance {
    private Tolerance() {}

    static boolean agrees(double ours, double reference) {
        double diff = Math.abs(ours - reference);
        return diff <= Math.max(1e-4, 1e-7 * Math.abs(reference));
    }

    /** Every index from {@code from} on where the reference has a value must agree. Returns how many. */
    static int assertAgree(String what, double[] ours, double[] reference, int from) {
        int compared = 0;
        for (int i = from; i < reference.length; i++) {
            if (Double.isNaN(reference[i])) {
                continue;
            }
            if (!agrees(ours[i], reference[i])) {
                fail(what + " at bar " + i + ": ours " + ours[i] + " vs reference " + reference[i]);
            }
            compared++;
        }
        return compared;
    }
}
