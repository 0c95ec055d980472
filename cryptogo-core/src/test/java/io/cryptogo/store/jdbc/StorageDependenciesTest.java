package io.cryptogo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The storage check finds the libraries where they are (core's own class path has them; the child-JVM proof
 * without them is cryptogo-indicators' WithoutStorageTest), and the bom pins them at the build's versions.
 */
@Timeout(30)
class StorageDependenciesTest {

    @Test
    void nothingIsMissingWhereTheStorageLibrariesAreOnTheClassPath() {
        assertThat(StorageDependencies.missing(Database.Kind.H2)).isEmpty();
        assertThat(StorageDependencies.missing(Database.Kind.POSTGRESQL)).isEmpty();
    }

    @Test
    void theUrlChoosesTheDriverToCheck() {
        assertThat(StorageDependencies.kindOf(null)).isEqualTo(Database.Kind.H2);
        assertThat(StorageDependencies.kindOf("jdbc:h2:mem:x")).isEqualTo(Database.Kind.H2);
        assertThat(StorageDependencies.kindOf("postgresql://u@h/db")).isEqualTo(Database.Kind.POSTGRESQL);
        assertThat(StorageDependencies.kindOf("jdbc:postgresql://h/db")).isEqualTo(Database.Kind.POSTGRESQL);
    }

    @Test
    void theBomPinsTheStorageLibrariesAtTheVersionsTheBuildUses() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String bom = Files.readString(Path.of("..", "cryptogo-bom", "pom.xml"));
        Map<String, String> property = Map.of(
                "HikariCP", "hikari.version",
                "flyway-core", "flyway.version",
                "flyway-database-postgresql", "flyway.version",
                "postgresql", "postgresql.version",
                "h2", "h2.version");
        property.forEach((artifact, prop) -> {
            Matcher p =
                    Pattern.compile("<" + Pattern.quote(prop) + ">([^<]+)</").matcher(parent);
            assertThat(p.find()).as(prop).isTrue();
            Matcher b = Pattern.compile("<artifactId>" + Pattern.quote(artifact) + "</artifactId><version>([^<]+)</")
                    .matcher(bom);
            assertThat(b.find()).as("the bom manages " + artifact).isTrue();
            assertThat(b.group(1)).as(artifact).isEqualTo(p.group(1));
        });
    }
}
