package io.cryptogo.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.cryptogo.testing.archfixture.port.Assembly;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wall-clock predicates catch the calls they name and let an injected clock through; the slices with the
 * assembly apart still see a real cycle.
 */
@Timeout(30)
class ArchRulesTest {
    static final class ReadsInstantNow {
        Instant at() {
            return Instant.now();
        }
    }

    static final class ReadsTodayInUtc {
        LocalDate today() {
            return LocalDate.now(ZoneOffset.UTC);
        }
    }

    static final class ReadsMillis {
        long at() {
            return System.currentTimeMillis();
        }
    }

    static final class UsesTheInjectedClock {
        Instant at(Clock clock) {
            return Instant.now(clock).plusMillis(clock.millis());
        }
    }

    static final class MakesASystemClock {
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    static EvaluationResult wallClock(Class<?> c) {
        JavaClasses classes = new ClassFileImporter().importClasses(c);
        return noClasses()
                .should()
                .callMethodWhere(ArchRules.readsTheWallClock())
                .orShould()
                .callMethodWhere(ArchRules.createsASystemClock())
                .evaluate(classes);
    }

    @Test
    void theWallClockCallsAreCaught() {
        assertThat(wallClock(ReadsInstantNow.class).hasViolation()).isTrue();
        assertThat(wallClock(ReadsTodayInUtc.class).hasViolation()).isTrue();
        assertThat(wallClock(ReadsMillis.class).hasViolation()).isTrue();
        assertThat(wallClock(MakesASystemClock.class).hasViolation()).isTrue();
    }

    @Test
    void anInjectedClockIsNot() {
        assertThat(wallClock(UsesTheInjectedClock.class).hasViolation()).isFalse();
    }

    @Test
    void anEntryPointBesideItsPortsFormsNoCycleOnlyWhenItsAssemblyStandsApart() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.cryptogo.testing.archfixture");
        String root = "io.cryptogo.testing.archfixture";
        assertThat(slices().assignedFrom(ArchRules.packagesWithAssemblyApart(root, Set.of()))
                        .should()
                        .beFreeOfCycles()
                        .evaluate(fixture)
                        .hasViolation())
                .as("port -> adapter (Assembly) and adapter -> port (Model): a cycle by package")
                .isTrue();
        assertThat(slices().assignedFrom(ArchRules.packagesWithAssemblyApart(root, Set.of(Assembly.class.getName())))
                        .should()
                        .beFreeOfCycles()
                        .evaluate(fixture)
                        .hasViolation())
                .isFalse();
    }
}
