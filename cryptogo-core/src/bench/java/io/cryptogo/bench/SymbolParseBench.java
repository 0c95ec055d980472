package io.cryptogo.bench;

import io.cryptogo.model.Symbol;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Symbol parsing, the most frequent call at the REST boundary. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SymbolParseBench {
    @Benchmark
    public Symbol slashForm() {
        return Symbol.parse("BTC/USDT");
    }

    @Benchmark
    public Symbol concatenatedForm() {
        return Symbol.parse("BTCUSDT");
    }
}
