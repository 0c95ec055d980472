package io.cryptogo.backtest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.cryptogo.testing.ArchRules;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shape of cryptogo-backtest, kept by rules: no package cycles, never a live adapter (a backtest trades
 * on the paper venue over a replay, with orders in memory), storage only through the entry points, no JDBC or
 * HTTP, a loop that never reads the wall clock, and nothing from the module above it (the app).
 */
@Timeout(60)
class ArchitectureTest {
    static final JavaClasses BACKTEST = ArchRules.moduleClasses(Backtest.class);

    @Test
    void packagesFormNoCycle() {
        slices().assignedFrom(ArchRules.packagesWithAssemblyApart("io.cryptogo.backtest", Set.of()))
                .should()
                .beFreeOfCycles()
                .check(BACKTEST);
    }

    @Test
    void neverALiveAdapter() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.cryptogo.market.binance..",
                        "io.cryptogo.trading.venue.binance..",
                        "io.cryptogo.trading.store.jdbc..")
                .because("a backtest is the engine on a replayed clock with the paper venue and an in-memory store")
                .check(BACKTEST);
    }

    @Test
    void onlyTheEntryPointsOpenStorage() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(Backtest.class.getName())
                .and()
                .resideOutsideOfPackage("io.cryptogo.backtest.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cryptogo.store.jdbc..")
                .because("Backtest.on(cg) and the commands pick the candle store; the rest reads the CandleStore port")
                .check(BACKTEST);
    }

    @Test
    void noJdbcOrHttp() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..")
                .check(BACKTEST);
    }

    /**
     * The loop, the strategies and the metrics run on the replay's clock. Apart: the entry point {@code Backtest}
     * (an open-ended {@code to(...)} means "up to now" when it fetches candles, before the replay starts) and the
     * commands (they time the run for the report).
     */
    @Test
    void theLoopNeverReadsTheWallClock() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(Backtest.class.getName())
                .and()
                .resideOutsideOfPackage("io.cryptogo.backtest.cli..")
                .should()
                .callMethodWhere(ArchRules.readsTheWallClock())
                .orShould()
                .callMethodWhere(ArchRules.createsASystemClock())
                .check(BACKTEST);
    }

    @Test
    void nothingFromTheApp() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cryptogo.examples..")
                .because("modules depend one way: trading + ai + indicators ← backtest ← examples")
                .check(BACKTEST);
    }
}
