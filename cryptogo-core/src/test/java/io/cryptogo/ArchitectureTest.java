package io.cryptogo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

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
     * JDBC users outside an adapter package, kept to this list: the public {@code Database} handle (every module
     * imports {@code io.cryptogo.store.Database}; moving it into {@code store.jdbc} is a cross-module rename) with
     * its two helpers, and the collector's PostgreSQL advisory-lock leadership.
     */
    static final Set<String> JDBC_OUTSIDE_ADAPTERS = Set.of(
            "io.cryptogo.store.Database",
            "io.cryptogo.store.Database$Builder",
            "io.cryptogo.store.Database$JdbcUrl",
            "io.cryptogo.store.HistoryCarryOver",
            "io.cryptogo.collect.PgAdvisoryLeadership",
            "io.cryptogo.collect.PgSeriesOwnership");

    /**
     * No cycles between the sub-packages of io.cryptogo. The root package (the entry point {@code CryptoGo}
     * with {@code MarketSources}, and the exception root every package throws) is outside the slices.
     */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.cryptogo.(**)").should().beFreeOfCycles();

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

    @ArchTest
    static final ArchRule jdbcOnlyInAdapters = noClasses()
            .that()
            .resideOutsideOfPackages(ADAPTERS)
            .and(DescribedPredicate.not(DescribedPredicate.describe(
                    "listed in JDBC_OUTSIDE_ADAPTERS",
                    (JavaClass c) -> JDBC_OUTSIDE_ADAPTERS.contains(c.getName())
                            || JDBC_OUTSIDE_ADAPTERS.contains(c.getName().replaceAll("\\$.*", "")))))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..");
}
