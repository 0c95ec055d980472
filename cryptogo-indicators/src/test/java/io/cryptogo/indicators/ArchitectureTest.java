package io.cryptogo.indicators;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The module's shape, kept by rules: packages form no cycle, and nothing here does HTTP or JDBC (the module
 * has no adapter package: market data and storage come through core's ports).
 */
@Timeout(60)
class ArchitectureTest {
    private static final JavaClasses INDICATORS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(moduleClasses());

    /** The module's own compiled classes (its output directory or jar), not the whole class path. */
    private static Path moduleClasses() {
        try {
            return Path.of(Indicators.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.cryptogo.(**)").should().beFreeOfCycles().check(INDICATORS);
    }

    @Test
    void nothingFromAModuleAbove() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.cryptogo.ai..", "io.cryptogo.trading..", "io.cryptogo.backtest..", "io.cryptogo.examples..")
                .because("modules depend one way: core ← indicators ← ai ← backtest ← examples")
                .check(INDICATORS);
    }

    @Test
    void nothingUsesHttpOrJdbc() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..", "java.sql..", "javax.sql..")
                .check(INDICATORS);
    }
}
