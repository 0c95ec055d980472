package io.cryptogo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of core: no cycles between its packages, ports that never see their adapters, and the network
 * and JDBC APIs only inside adapter packages.
 */
@AnalyzeClasses(packages = "io.cryptogo", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String[] PORTS = {"io.cryptogo.market", "io.cryptogo.store", "io.cryptogo.model"};
    static final String[] ADAPTERS = {
        "io.cryptogo.market.binance..",
        "io.cryptogo.market.sim..",
        "io.cryptogo.store.jdbc..",
        "io.cryptogo.db.migration.."
    };

    /**
     * No cycles between the sub-packages of io.cryptogo. The root package (the entry point {@code CryptoGo}
     * with {@code MarketSources}) is kept out of every cycle by {@link #nothingDependsOnTheRootPackage}.
     */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.cryptogo.(**)").should().beFreeOfCycles();

    /** The root package assembles everything, so nothing below it may depend on it (the exceptions live in error). */
    @ArchTest
    static final ArchRule nothingDependsOnTheRootPackage = noClasses()
            .that()
            .resideOutsideOfPackage("io.cryptogo")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.cryptogo");

    @ArchTest
    static final ArchRule portsNeverImportAdapters = noClasses()
            .that()
            .resideInAnyPackage(PORTS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.cryptogo.market.binance..", "io.cryptogo.market.sim..", "io.cryptogo.store.jdbc..");

    @ArchTest
    static final ArchRule theHttpClientOnlyInTheBinanceAdapter = noClasses()
            .that()
            .resideOutsideOfPackages("io.cryptogo.market.binance..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net.http..");

    /** No exception: the collector's PostgreSQL advisory locks are the JDBC adapter's PgAdvisoryOwnership. */
    @ArchTest
    static final ArchRule jdbcOnlyInAdapters = noClasses()
            .that()
            .resideOutsideOfPackages(ADAPTERS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..");

    /** Core is the bottom module: it never imports one above it (indicators, ai, trading, backtest, the app). */
    @ArchTest
    static final ArchRule nothingFromAModuleAbove = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.cryptogo.indicators..",
                    "io.cryptogo.ai..",
                    "io.cryptogo.trading..",
                    "io.cryptogo.backtest..",
                    "io.cryptogo.examples..");
}
