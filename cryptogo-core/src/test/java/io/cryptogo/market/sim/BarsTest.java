package io.cryptogo.market.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BarsTest {
    @Test
    void aggregationTakesTheFirstOpenTheLastCloseTheExtremesAndTheSums() {
        Bars b = new Bars(4);
        long[][] rows = {
            {10, 12, 9, 11, 1, 10, 1}, {11, 15, 11, 14, 2, 28, 3}, {14, 14, 7, 8, 3, 30, 2}, {8, 9, 8, 9, 4, 36, 5}
        };
        for (int i = 0; i < 4; i++) {
            b.open[i] = rows[i][0];
            b.high[i] = rows[i][1];
            b.low[i] = rows[i][2];
            b.close[i] = rows[i][3];
            b.volume[i] = rows[i][4];
            b.quote[i] = rows[i][5];
            b.trades[i] = rows[i][6];
        }
        Bars two = b.aggregate(2);
        assertThat(two.size()).isEqualTo(2);
        assertThat(new long[] {
                    two.open[0], two.high[0], two.low[0], two.close[0], two.volume[0], two.quote[0], two.trades[0]
                })
                .containsExactly(10, 15, 9, 14, 3, 38, 4);
        assertThat(new long[] {
                    two.open[1], two.high[1], two.low[1], two.close[1], two.volume[1], two.quote[1], two.trades[1]
                })
                .containsExactly(14, 14, 7, 9, 7, 66, 7);
        Bars all = b.aggregate(4);
        assertThat(all.high[0]).isEqualTo(15);
        assertThat(all.low[0]).isEqualTo(7);
        assertThat(all.close[0]).isEqualTo(9);
    }
}
