package io.cryptogo.examples;

import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.cryptogo.examples.app.CryptoGoApp;
import io.cryptogo.testing.ArchRules;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shape of cryptogo-examples, kept by rules: no package cycles (the app's assembly apart), JDBC and HTTP
 * only in adapter packages, and embedding examples that use the library only, never the app. It is the top
 * module: no module sits above it.
 */
@Timeout(60)
class ArchitectureTest {
    static final JavaClasses EXAMPLES = ArchRules.moduleClasses(CryptoGoApp.class);

    /**
     * The app's assembly: the main (chooses the modules and adapters from configuration), {@code CryptoGoApp}
     * (wires the modules, guards and pages into Javalin) and {@code ApiErrors} (installs the exception
     * handlers of every module). The modules depend on the shared plumbing of {@code examples.app}, never on
     * these.
     */
    static final Set<String> ASSEMBLY = Set.of(
            "io.cryptogo.examples.app.AppMain", CryptoGoApp.class.getName(), "io.cryptogo.examples.app.ApiErrors");

    static final DescribedPredicate<JavaClass> ASSEMBLY_CLASSES = DescribedPredicate.describe(
            "the app's assembly " + ASSEMBLY, c -> ASSEMBLY.contains(c.getName().replaceAll("\\$.*", "")));

    @Test
    void packagesFormNoCycle() {
        slices().assignedFrom(ArchRules.packagesWithAssemblyApart("io.cryptogo.examples", ASSEMBLY))
                .should()
                .beFreeOfCycles()
                .check(EXAMPLES);
    }

    @Test
    void nothingDependsOnTheAssembly() {
        noClasses()
                .that(DescribedPredicate.not(ASSEMBLY_CLASSES))
                .should()
                .dependOnClassesThat(are(ASSEMBLY_CLASSES))
                .check(EXAMPLES);
    }

    /**
     * Adapter packages: {@code app.ops.jdbc} (the metrics read from the database). Apart: {@code JobQueue} (the
     * durable queue: db-scheduler over the app's DataSource and the {@code jobs} table), {@code examples.embed},
     * which stands for the host application's own code (HostServiceExample runs its own Flyway and queries
     * its own table beside CryptoGo's).
     */
    @Test
    void onlyTheAdapterPackagesUseJdbcOrHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.cryptogo.examples.app.ops.jdbc..", "io.cryptogo.examples.embed..")
                // the job queue is db-scheduler on the app's DataSource plus its jobs table: the queue IS storage
                .and()
                .haveNameNotMatching("io\\.cryptogo\\.examples\\.app\\.jobs\\.JobQueue(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..")
                .check(EXAMPLES);
    }

    @Test
    void theEmbeddingExamplesUseTheLibraryOnly() {
        noClasses()
                .that()
                .resideInAPackage("io.cryptogo.examples.embed..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.cryptogo.examples.app..",
                        "io.cryptogo.examples.ai..",
                        "io.cryptogo.examples.trading..",
                        "io.cryptogo.examples.backtest..",
                        "io.cryptogo.examples.grid..")
                .because("each embedding example is what a user writes against the published modules")
                .check(EXAMPLES);
    }
}
