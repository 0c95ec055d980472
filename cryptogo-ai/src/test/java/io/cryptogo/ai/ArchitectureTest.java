package io.cryptogo.ai;

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
 * The module's shape, kept by rules: packages form no cycle, and HTTP and JDBC stay in the adapter packages
 * ({@code ai.provider} talks to the models, {@code ai.journal.jdbc} to the database).
 */
@Timeout(60)
class ArchitectureTest {
    private static final JavaClasses AI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(moduleClasses());

    /** The module's own compiled classes (its output directory or jar), not the whole class path. */
    private static Path moduleClasses() {
        try {
            return Path.of(SignalGenerator.class
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
        slices().matching("io.cryptogo.(**)").should().beFreeOfCycles().check(AI);
    }

    @Test
    void onlyTheAdapterPackagesUseHttpOrJdbc() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.cryptogo.ai.provider..",
                        "io.cryptogo.ai.journal.jdbc..",
                        "io.cryptogo.ai.desk.jdbc..",
                        "io.cryptogo.ai.desk.news..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..", "java.sql..", "javax.sql..")
                .check(AI);
    }

    @Test
    void nothingFromAModuleAbove() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cryptogo.trading..", "io.cryptogo.backtest..", "io.cryptogo.examples..")
                .because("modules depend one way: core ← indicators ← ai ← backtest ← examples; ai never sees trading")
                .check(AI);
    }

    @Test
    void theJournalPortDependsOnNothingElseOfTheModule() {
        noClasses()
                .that()
                .resideInAPackage("io.cryptogo.ai.journal")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.cryptogo.ai",
                        "io.cryptogo.ai.journal.jdbc..",
                        "io.cryptogo.ai.provider..",
                        "io.cryptogo.ai.parse..",
                        "io.cryptogo.ai.prompt..")
                .check(AI);
    }
}
