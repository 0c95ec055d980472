package io.cryptogo.backtest;

import java.io.PrintStream;

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
