package io.cryptogo.backtest.data;

import io.cryptogo.backtest.Progress;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.CandleStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Imports Binance's public kline dumps (data.binance.vision): monthly and daily zip files named like {@code
 * BTCUSDT-1h-2024-01.zip} or {@code BTCUSDT-1h-2024-01-15.zip}, each holding one 12-column CSV (open time,
 * open, high, low, close, volume, close time, quote volume, trades, taker buy base, taker buy quote, ignore).
 * Times are epoch milliseconds, and microseconds in the files from 2025 on; both are read. Rows are upserted
 * on (symbol, interval, open time), so importing a file twice changes nothing.
 *
 * <pre>{@code
 * BinanceDumpImport.Result r = new BinanceDumpImport(store).run(List.of(Path.of("dumps")), Progress.NONE);
 * }</pre>
 */
public final class BinanceDumpImport {
    /** {@code SYMBOL-INTERVAL-YYYY-MM[-DD].zip}. */
    static final Pattern NAME = Pattern.compile("([A-Z0-9]+)-(1m|5m|15m|1h|4h|1d)-(\\d{4}-\\d{2}(?:-\\d{2})?)\\.zip");

    private static final int BATCH = 5000;
    /** Any epoch time above this is in microseconds (year 2286 in milliseconds). */
    private static final long MICROS_FROM = 10_000_000_000_000L;

    /** What an import did. */
    public record Result(int files, long rows, List<String> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    private final CandleStore store;

    public BinanceDumpImport(CandleStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Imports every matching zip among {@code paths} (files, or directories searched one level deep). */
    public Result run(List<Path> paths, Progress progress) {
        List<Path> zips = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".zip"))
                            .sorted()
                            .forEach(zips::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else {
                zips.add(p);
            }
        }
        long total = 0;
        for (Path z : zips) {
            total += size(z);
        }
        long done = 0;
        long rows = 0;
        int files = 0;
        progress.update(0, total);
        for (Path z : zips) {
            Matcher m = NAME.matcher(z.getFileName().toString());
            if (!m.matches()) {
                skipped.add(z.getFileName() + " (name is not SYMBOL-INTERVAL-YYYY-MM[-DD].zip)");
                done += size(z);
                progress.update(done, total);
                continue;
            }
            Symbol symbol = Symbol.parse(m.group(1));
            Interval interval = Interval.parse(m.group(2));
            rows += importZip(z, symbol, interval);
            files++;
            done += size(z);
            progress.update(done, total);
        }
        return new Result(files, rows, skipped);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    long importZip(Path zip, Symbol symbol, Interval interval) {
        long rows = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!e.getName().endsWith(".csv")) {
                    continue;
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                List<Candle> batch = new ArrayList<>(BATCH);
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank() || !Character.isDigit(line.charAt(0))) {
                        continue; // the header some dumps carry
                    }
                    batch.add(parse(line, symbol, interval, zip, lineNo));
                    if (batch.size() == BATCH) {
                        store.upsertAll(batch);
                        rows += batch.size();
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    store.upsertAll(batch);
                    rows += batch.size();
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + zip, ex);
        }
        return rows;
    }

    static Candle parse(String line, Symbol symbol, Interval interval, Path file, int lineNo) {
        String[] f = line.split(",", -1);
        if (f.length < 11) {
            throw new InvalidRequestException(
                    "csv", file.getFileName() + " line " + lineNo + ": expected 12 columns, got " + f.length);
        }
        try {
            long open = millis(Long.parseLong(f[0].trim()));
            long close = millis(Long.parseLong(f[6].trim()));
            return Candle.of(
                    symbol,
                    interval,
                    Instant.ofEpochMilli(open),
                    Instant.ofEpochMilli(close),
                    new BigDecimal(f[1].trim()),
                    new BigDecimal(f[2].trim()),
                    new BigDecimal(f[3].trim()),
                    new BigDecimal(f[4].trim()),
                    new BigDecimal(f[5].trim()),
                    new BigDecimal(f[7].trim()),
                    Long.parseLong(f[8].trim()),
                    true);
        } catch (NumberFormatException ex) {
            throw new InvalidRequestException(
                    "csv", file.getFileName() + " line " + lineNo + ": not a kline row: " + ex.getMessage(), ex);
        }
    }

    /** Milliseconds from a Binance dump time (milliseconds, or microseconds from 2025 on). */
    static long millis(long t) {
        return t >= MICROS_FROM ? t / 1000 : t;
    }
}
