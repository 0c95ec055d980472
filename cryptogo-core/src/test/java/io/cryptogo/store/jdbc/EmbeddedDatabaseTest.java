package io.cryptogo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.store.StoreUnavailableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 database is private: no network port, owner-only files, one process at a time. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedDatabaseTest {

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static List<Path> dbFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("cryptogo."))
                    .toList();
        }
    }

    @Test
    void theFolderAndEveryDatabaseFileAreReadableByTheirOwnerOnly(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("new-home");
        try (Database db = Database.builder().home(home).build();
                Connection c = db.connection();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO accounts (id, venue, created_at, updated_at) VALUES ('paper', 'paper', 1, 1)");
            assertThat(perms(home)).isEqualTo("rwx------");
            assertThat(dbFiles(home))
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(perms(f)).isEqualTo("rw-------"));
        }
        assertThat(dbFiles(home)).extracting(f -> f.getFileName().toString()).contains("cryptogo.mv.db");
        assertThat(dbFiles(home)).allSatisfy(f -> assertThat(perms(f)).isEqualTo("rw-------"));
    }

    @Test
    void filesLeftReadableByAnOlderReleaseAreTightenedAtOpen(@TempDir Path home) throws Exception {
        try (Database db = Database.builder().home(home).build()) {
            assertThat(db.kind()).isEqualTo(Database.Kind.H2);
        }
        Path file = home.resolve("cryptogo.mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.builder().home(home).build()) {
            assertThat(perms(file)).isEqualTo("rw-------");
        }
    }

    @Test
    void theEmbeddedDatabaseServesNoNetworkPort(@TempDir Path home) throws Exception {
        try (Database db = Database.builder().home(home).build()) {
            assertThat(db.displayUrl()).startsWith("jdbc:h2:file:").doesNotContainIgnoringCase("AUTO_SERVER");
            // AUTO_SERVER would write the server's address and key into the lock file
            for (Path f : dbFiles(home)) {
                if (!f.getFileName().toString().endsWith(".mv.db")) {
                    assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).doesNotContain("server=");
                }
            }
        }
    }

    @Test
    void aSecondProcessGetsAClearErrorInsteadOfSharingTheFile(@TempDir Path home) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        HoldEmbeddedDatabase.class.getName(),
                        home.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("ready"));
            assertThat(line).isEqualTo("ready H2");
            assertThatThrownBy(() -> Database.builder().home(home).build())
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("in use by another process")
                    .hasMessageContaining("DATABASE_URL")
                    .hasMessageContaining("CRYPTOGO_HOME");
        } finally {
            if (holder.isAlive()) {
                holder.getOutputStream().write('\n');
                holder.getOutputStream().flush();
            }
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        // once the other process is gone, the file opens again
        try (Database db = Database.builder().home(home).build()) {
            assertThat(db.kind()).isEqualTo(Database.Kind.H2);
        }
    }
}
