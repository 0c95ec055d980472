package io.cryptogo.indicators.nostorage;

import io.cryptogo.CryptoGo;
import io.cryptogo.config.Config;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.store.jdbc.Database;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Asks for storage on a class path without the storage libraries: each attempt must fail with a {@link
 * CryptoGoException} (printed as {@code <how>: <message>}), never a {@code NoClassDefFoundError} (exit 2).
 */
public final class StorageWithoutLibrariesMain {
    private StorageWithoutLibrariesMain() {}

    public static void main(String[] args) {
        try (CryptoGo demo = CryptoGo.demo();
                CryptoGo pg = CryptoGo.fromConfig(Config.of(Map.of(
                        "EXCHANGE", "simulated", "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")))) {
            attempt("demo.database", demo::database);
            attempt("pg.database", pg::database);
            attempt("Database.builder", () -> Database.builder().inMemory().build());
        }
    }

    private static void attempt(String how, Supplier<Database> storage) {
        try {
            Database db = storage.get();
            db.close();
            System.out.println(how + ": opened");
            System.exit(4);
        } catch (CryptoGoException e) {
            System.out.println(how + ": " + e.getMessage());
        } catch (Throwable t) {
            System.out.println(how + ": " + t);
            System.exit(2);
        }
    }
}
