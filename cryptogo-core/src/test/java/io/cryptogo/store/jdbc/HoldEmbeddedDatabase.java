package io.cryptogo.store.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A second process for {@link EmbeddedDatabaseTest}: opens the embedded database, says "ready", waits for a line. */
public final class HoldEmbeddedDatabase {
    private HoldEmbeddedDatabase() {}

    public static void main(String[] args) throws Exception {
        try (Database db = Database.builder().home(Path.of(args[0])).poolSize(2).build()) {
            System.out.println("ready " + db.kind());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }
}
