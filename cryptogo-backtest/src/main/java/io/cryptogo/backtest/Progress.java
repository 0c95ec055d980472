package io.cryptogo.backtest;

import java.io.PrintStream;
import java.time.Duration;

/** Receives how far a run got: {@code done} of {@code total} bars. Called from the running thread. */
@FunctionalInterface
public interface Progress {
    /** Reports nothing. */
    Progress NONE = (done, total) -> {};

    void update(long done, long total);

    /** A text progress bar redrawn in place ({@code \r}) on {@code out}, at most once per percent. */
    static Progress bar(PrintStream out) {
        return bar(out, "bars");
    }

    /**
     * {@link #bar(PrintStream)}, drawn only once a run has lasted longer than {@code after}: short runs print
     * nothing, long ones show how far they got (the default of {@link Backtest}, on {@code System.err} after 2 s).
     */
    static Progress auto(PrintStream out, Duration after) {
        Progress bar = bar(out);
        long wait = after.toNanos();
        return new Progress() {
            private long started = Long.MIN_VALUE;
            private boolean drawing;

            @Override
            public void update(long done, long total) {
                long now = System.nanoTime();
                if (started == Long.MIN_VALUE) {
                    started = now;
                }
                if (!drawing && now - started >= wait && done < total) {
                    drawing = true;
                }
                if (drawing) {
                    bar.update(done, total);
                }
            }
        };
    }

    /** {@link #bar(PrintStream)} counting {@code unit} (e.g. {@code bytes}). */
    static Progress bar(PrintStream out, String unit) {
        return new Progress() {
            private int last = -1;

            @Override
            public void update(long done, long total) {
                int pct = total == 0 ? 100 : (int) (done * 100 / total);
                if (pct == last) {
                    return;
                }
                last = pct;
                int width = 40;
                int filled = pct * width / 100;
                out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + pct + "% " + done + "/"
                        + total + " " + unit);
                if (done >= total) {
                    out.println();
                }
                out.flush();
            }
        };
    }
}
