package io.cryptogo.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Building blocks of the modules' ArchitectureTests: a module's own classes, slices by package with the
 * entry points' assembly classes apart, and the calls that read the wall clock.
 */
public final class ArchRules {
    private ArchRules() {}

    /** The compiled main classes of the module holding {@code anyClassOfTheModule} (not the whole class path). */
    public static JavaClasses moduleClasses(Class<?> anyClassOfTheModule) {
        try {
            Path location = Path.of(anyClassOfTheModule
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One slice per package under {@code root}, except the named assembly classes (an entry point that picks
     * the adapters, with its nested classes): each is a slice of its own. An entry point may live in the
     * package its users import (as {@code Trader} in {@code io.cryptogo.trading}) without that package and the
     * adapters it assembles forming a cycle, as long as nothing below depends on the entry point.
     */
    public static SliceAssignment packagesWithAssemblyApart(String root, Set<String> assembly) {
        return new SliceAssignment() {
            @Override
            public String getDescription() {
                return "packages under " + root + ", with the assembly classes " + assembly + " apart";
            }

            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String top = c.getName().replaceAll("\\$.*", "");
                if (assembly.contains(top)) {
                    return SliceIdentifier.of("assembly " + top);
                }
                String pkg = c.getPackageName();
                return pkg.equals(root) || pkg.startsWith(root + ".")
                        ? SliceIdentifier.of(pkg)
                        : SliceIdentifier.ignore();
            }
        };
    }

    private static final Set<String> NOW_OWNERS = Set.of(
            "java.time.Instant",
            "java.time.LocalDate",
            "java.time.LocalDateTime",
            "java.time.LocalTime",
            "java.time.ZonedDateTime",
            "java.time.OffsetDateTime",
            "java.time.OffsetTime",
            "java.time.Year",
            "java.time.YearMonth",
            "java.time.MonthDay");

    /**
     * {@code Instant.now()}, {@code LocalDate.now()} (and the other java.time {@code now()} / {@code now(ZoneId)}),
     * {@code System.currentTimeMillis()}: the calls that read the wall clock instead of an injected {@link
     * java.time.Clock} ({@code now(clock)} is fine).
     */
    public static DescribedPredicate<JavaMethodCall> readsTheWallClock() {
        return DescribedPredicate.describe(
                "read the wall clock (Instant.now(), LocalDate.now(), System.currentTimeMillis() ...)", call -> {
                    String owner = call.getTarget().getOwner().getName();
                    String name = call.getTarget().getName();
                    List<JavaClass> params = call.getTarget().getRawParameterTypes();
                    if (NOW_OWNERS.contains(owner) && name.equals("now")) {
                        return params.isEmpty() || !params.get(0).getName().equals("java.time.Clock");
                    }
                    return owner.equals("java.lang.System") && name.equals("currentTimeMillis");
                });
    }

    /** {@code Clock.systemUTC()}, {@code Clock.systemDefaultZone()}, {@code Clock.system(zone)}. */
    public static DescribedPredicate<JavaMethodCall> createsASystemClock() {
        return DescribedPredicate.describe(
                "create a system clock (Clock.systemUTC(), Clock.systemDefaultZone(), Clock.system(zone))",
                call -> call.getTarget().getOwner().getName().equals("java.time.Clock")
                        && call.getTarget().getName().startsWith("system"));
    }
}
