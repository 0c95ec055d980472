package io.cryptogo.trading;

import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.cryptogo.testing.ArchRules;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shape of cryptogo-trading, kept by rules: no package cycles, the ports and the engine never import an
 * adapter, JDBC and HTTP only in adapter packages, no wall clock anywhere (time comes from the injected
 * {@code Clock}, so a replay runs the engine exactly as live), and nothing from a module above trading.
 */
@Timeout(60)
class ArchitectureTest {
    static final JavaClasses TRADING = ArchRules.moduleClasses(Trader.class);

    /**
     * The entry points that choose adapters: {@code Trader} (live and paper: the venue, the JDBC stores) and
     * {@code GridBacktest} (a grid on the replay: paper venue, in-memory store). Nothing else may.
     */
    static final Set<String> ASSEMBLY = Set.of(Trader.class.getName(), "io.cryptogo.trading.grid.GridBacktest");

    static final String[] ADAPTERS = {
        "io.cryptogo.trading.store.jdbc..",
        "io.cryptogo.trading.store.memory..",
        "io.cryptogo.trading.venue..",
        "io.cryptogo.trading.grid.jdbc..",
        "io.cryptogo.trading.replay..",
        "io.cryptogo.store.jdbc..",
        "io.cryptogo.market.binance..",
        "io.cryptogo.market.sim.."
    };

    /** The ports (the root package's records and interfaces, the stores' ports) and the engine's parts. */
    static final String[] PORTS_AND_ENGINE = {
        "io.cryptogo.trading",
        "io.cryptogo.trading.store",
        "io.cryptogo.trading.engine",
        "io.cryptogo.trading.risk",
        "io.cryptogo.trading.mode",
        "io.cryptogo.trading.grid"
    };

    static final DescribedPredicate<JavaClass> ASSEMBLY_CLASSES = DescribedPredicate.describe(
            "assembly classes " + ASSEMBLY, c -> ASSEMBLY.contains(c.getName().replaceAll("\\$.*", "")));

    @Test
    void packagesFormNoCycle() {
        slices().assignedFrom(ArchRules.packagesWithAssemblyApart("io.cryptogo.trading", ASSEMBLY))
                .should()
                .beFreeOfCycles()
                .check(TRADING);
    }

    @Test
    void nothingButAnotherEntryPointDependsOnTheAssembly() {
        noClasses()
                .that(DescribedPredicate.not(ASSEMBLY_CLASSES))
                .and()
                .doNotHaveFullyQualifiedName("io.cryptogo.trading.grid.Grid")
                .should()
                .dependOnClassesThat(are(ASSEMBLY_CLASSES))
                .because("Grid.on(trader) is the grid's entry point; everything else sits below the assembly")
                .check(TRADING);
    }

    @Test
    void portsAndTheEngineNeverImportAdapters() {
        noClasses()
                .that()
                .resideInAnyPackage(PORTS_AND_ENGINE)
                .and(DescribedPredicate.not(ASSEMBLY_CLASSES))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .check(TRADING);
    }

    @Test
    void onlyTheAdapterPackagesUseJdbcOrHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.cryptogo.trading.store.jdbc..",
                        "io.cryptogo.trading.grid.jdbc..",
                        "io.cryptogo.trading.venue.binance..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..")
                .check(TRADING);
    }

    @Test
    void nothingReadsTheWallClock() {
        noClasses()
                .should()
                .callMethodWhere(ArchRules.readsTheWallClock())
                .because("time comes from the injected Clock: the engine runs on a replayed clock as it runs live")
                .check(TRADING);
    }

    @Test
    void theReplayNeverFallsBackToTheSystemClock() {
        noClasses()
                .that()
                .resideInAnyPackage("io.cryptogo.trading.replay..", "io.cryptogo.trading.venue.paper..")
                .should()
                .callMethodWhere(ArchRules.createsASystemClock())
                .check(TRADING);
    }

    @Test
    void nothingFromAModuleAboveTrading() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.cryptogo.indicators..",
                        "io.cryptogo.ai..",
                        "io.cryptogo.backtest..",
                        "io.cryptogo.examples..")
                .because("modules depend one way: core ← trading ← backtest ← examples, and trading never sees ai")
                .check(TRADING);
    }
}
