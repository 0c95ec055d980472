package io.cryptogo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cryptogo.CryptoGo;
import io.cryptogo.ai.DecisionLoop;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.backtest.Backtest;
import io.cryptogo.examples.app.CryptoGoApp;
import io.cryptogo.indicators.IncrementalSeries;
import io.cryptogo.indicators.Indicators;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Subscription;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.grid.Grid;
import io.cryptogo.trading.grid.GridSettings;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two promises of the public API, checked over every module: no handle's {@code close()} throws a checked
 * exception, and the user-facing entry points and builders take a {@code String} symbol ("BTC/USDT") wherever
 * they take a {@link Symbol}.
 */
@Timeout(60)
class PublicApiTest {
    static final List<Class<?>> MODULES = List.of(
            CryptoGo.class, Indicators.class, SignalGenerator.class, Trader.class, Backtest.class, CryptoGoApp.class);

    /** The types a user writes against: entry points, their builders and the request values. */
    static final List<Class<?>> USER_FACING = List.of(
            MarketDataSource.class,
            KlineQuery.class,
            IncrementalSeries.class,
            MarketSnapshot.Builder.class,
            DecisionLoop.class,
            DecisionQuery.class,
            Trader.class,
            OrderRequest.class,
            Grid.Builder.class,
            GridSettings.class,
            TradeSignal.class,
            TradeSignal.Builder.class,
            Backtest.class);

    static JavaClasses allModules() {
        // a module is a classes directory when built with -am, a jar in a full `mvn verify` (after package)
        List<com.tngtech.archunit.core.importer.Location> locations = new ArrayList<>();
        for (Class<?> c : MODULES) {
            Path p = location(c);
            try {
                locations.add(
                        java.nio.file.Files.isRegularFile(p)
                                ? com.tngtech.archunit.core.importer.Location.of(new java.util.jar.JarFile(p.toFile()))
                                : com.tngtech.archunit.core.importer.Location.of(p));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(locations);
    }

    static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noHandlesCloseThrowsACheckedException() {
        List<String> offenders = new ArrayList<>();
        int handles = 0;
        for (JavaClass jc : allModules()) {
            if (!jc.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                    || !jc.isAssignableTo(AutoCloseable.class)) {
                continue;
            }
            Class<?> c = jc.reflect();
            handles++;
            try {
                Method close = c.getMethod("close");
                for (Class<?> thrown : close.getExceptionTypes()) {
                    if (!RuntimeException.class.isAssignableFrom(thrown) && !Error.class.isAssignableFrom(thrown)) {
                        offenders.add(c.getName() + ".close() throws " + thrown.getName());
                    }
                }
            } catch (NoSuchMethodException e) {
                offenders.add(c.getName() + " has no public close()");
            }
        }
        assertThat(handles).as("public handles found").isGreaterThan(10);
        assertThat(offenders).isEmpty();
    }

    @Test
    void noPublicMethodHandsOutABareAutoCloseable() {
        List<String> offenders = new ArrayList<>();
        for (JavaClass jc : allModules()) {
            if (!jc.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                continue;
            }
            for (Method m : jc.reflect().getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())
                        && (m.getReturnType() == AutoCloseable.class || m.getReturnType() == java.io.Closeable.class)) {
                    offenders.add(jc.getName() + "." + m.getName() + " returns "
                            + m.getReturnType().getSimpleName());
                }
            }
        }
        assertThat(offenders)
                .as("its close() throws Exception: return a handle type instead")
                .isEmpty();
    }

    @Test
    void representativeStringOverloadsMeanWhatTheirSymbolFormsMean() {
        Symbol btc = Symbol.parse("BTC/USDT");
        assertThat(OrderRequest.market("BTC/USDT", Side.BUY, "0.001"))
                .usingRecursiveComparison()
                .ignoringFields("clientOrderId")
                .isEqualTo(OrderRequest.market(btc, Side.BUY, new BigDecimal("0.001")));
        assertThat(OrderRequest.market("BTC/USDT", Side.BUY, "0.001", "c-1"))
                .isEqualTo(OrderRequest.market(btc, Side.BUY, new BigDecimal("0.001"), "c-1"));
        assertThat(KlineQuery.latest("BTC/USDT", Interval.H1, 10)).isEqualTo(KlineQuery.latest(btc, Interval.H1, 10));
        assertThat(DecisionQuery.latest(5).symbol("BTC/USDT"))
                .isEqualTo(DecisionQuery.latest(5).symbol(btc));
        assertThat(IncrementalSeries.empty("BTC/USDT", Interval.M1).symbol()).isEqualTo(btc);
        Instant t = Instant.parse("2026-01-02T03:00:00Z");
        assertThat(TradeSignal.builder("BTC/USDT", Interval.H1, TradeSignal.Action.HOLD)
                        .entry(BigDecimal.TEN)
                        .generator("rules")
                        .decidedAt(t)
                        .candleTime(t)
                        .build())
                .isEqualTo(TradeSignal.builder(btc, Interval.H1, TradeSignal.Action.HOLD)
                        .entry(BigDecimal.TEN)
                        .generator("rules")
                        .decidedAt(t)
                        .candleTime(t)
                        .build());
        assertThat(TradeSignal.abstain("BTC/USDT", Interval.H1, BigDecimal.TEN, "no data", "rules", t, t))
                .isEqualTo(TradeSignal.abstain(btc, Interval.H1, BigDecimal.TEN, "no data", "rules", t, t));
        try (CryptoGo cg = CryptoGo.demo()) {
            assertThat(cg.market().symbol("BTC/USDT")).isEqualTo(cg.market().symbol(btc));
            Trader trader = Trader.on(cg);
            assertThat(trader.info("BTC/USDT")).isEqualTo(trader.info(btc));
            assertThat(trader.marketPrice("BTC/USDT", Side.BUY)).isPositive();
            // a handle closes without try/catch (Exception)
            Subscription s = trader.onOrderEvent(e -> {});
            s.close();
        }
    }

    @Test
    void everySymbolParameterOfTheUserFacingApiHasAStringOverload() {
        List<String> missing = new ArrayList<>();
        for (Class<?> c : USER_FACING) {
            List<Executable> all = Stream.concat(
                            Arrays.stream(c.getMethods()).filter(m -> m.getDeclaringClass() != Object.class),
                            Arrays.stream(c.getConstructors()))
                    .filter(e -> Modifier.isPublic(e.getModifiers()))
                    // a record's canonical constructor lists its components; users build through the factories
                    .filter(e -> !(c.isRecord() && e instanceof Constructor<?>))
                    .toList();
            for (Executable e : all) {
                Class<?>[] p = e.getParameterTypes();
                for (int i = 0; i < p.length; i++) {
                    if (p[i] == Symbol.class && !hasStringOverload(all, e, i)) {
                        missing.add(c.getName() + "." + e.getName() + Arrays.toString(p));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Same name and arity, a String where {@code e} takes the Symbol, the rest equal (or String for a BigDecimal). */
    static boolean hasStringOverload(List<Executable> all, Executable e, int symbolAt) {
        Class<?>[] p = e.getParameterTypes();
        return all.stream().anyMatch(o -> {
            Class<?>[] q = o.getParameterTypes();
            if (!o.getName().equals(e.getName()) || q.length != p.length || q[symbolAt] != String.class) {
                return false;
            }
            for (int i = 0; i < p.length; i++) {
                boolean same = q[i] == p[i]
                        || (p[i] == Symbol.class && q[i] == String.class)
                        || (p[i] == BigDecimal.class && q[i] == String.class);
                if (!same) {
                    return false;
                }
            }
            return true;
        });
    }
}
