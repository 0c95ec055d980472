package io.cryptogo.backtest;

import io.cryptogo.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds look-ahead: reruns a backtest on the data truncated at several cut points and compares every
 * decision made before each cut with the full run's. A strategy that only uses closed bars decides the same;
 * one that peeks at later candles does not (freqtrade's {@code lookahead-analysis}).
 *
 * <pre>{@code
 * LookaheadAudit.Report rep = LookaheadAudit.run(Backtest.on(cg)...strategy(s), 10);
 * rep.clean();   // false when a decision changed
 * }</pre>
 */
public final class LookaheadAudit {
    private LookaheadAudit() {}

    /** A decision that differs between the full run and a run cut at {@code cut} bars. */
    public record Difference(int cut, int index, String full, String truncated) {}

    /** The audit's findings. */
    public record Report(int cuts, int decisionsCompared, List<Difference> differences) {
        public Report {
            differences = List.copyOf(differences);
        }

        public boolean clean() {
            return differences.isEmpty();
        }

        @Override
        public String toString() {
            return clean()
                    ? "look-ahead audit: clean (" + decisionsCompared + " decisions over " + cuts + " cuts)"
                    : "look-ahead audit: " + differences.size() + " decisions changed, first " + differences.get(0);
        }
    }

    /** Runs the audit with {@code cuts} cut points spread over the second half of the data. */
    public static Report run(Backtest backtest, int cuts) {
        Objects.requireNonNull(backtest, "backtest");
        if (cuts < 1 || cuts > 1000) {
            throw new InvalidRequestException("cuts", "cuts must be in 1..1000, got " + cuts);
        }
        PriceSeries all = backtest.series();
        List<DecisionRecord> full = backtest.quietCopy().run().decisions();
        List<Difference> diffs = new ArrayList<>();
        int compared = 0;
        int n = all.size();
        for (int k = 1; k <= cuts; k++) {
            int cut = n / 2 + (int) ((long) (n / 2) * k / (cuts + 1));
            if (cut < 2 || cut >= n) {
                continue;
            }
            List<DecisionRecord> part =
                    backtest.quietCopy().candles(all.head(cut)).run().decisions();
            List<DecisionRecord> before =
                    full.stream().filter(d -> d.index() < cut).toList();
            int m = Math.max(before.size(), part.size());
            for (int i = 0; i < m; i++) {
                DecisionRecord a = i < before.size() ? before.get(i) : null;
                DecisionRecord b = i < part.size() ? part.get(i) : null;
                compared++;
                if (a == null
                        || b == null
                        || a.index() != b.index()
                        || !a.intent().equals(b.intent())) {
                    diffs.add(new Difference(
                            cut,
                            a != null ? a.index() : b.index(),
                            a == null ? "HOLD" : a.intent(),
                            b == null ? "HOLD" : b.intent()));
                    break;
                }
            }
        }
        return new Report(cuts, compared, diffs);
    }
}
