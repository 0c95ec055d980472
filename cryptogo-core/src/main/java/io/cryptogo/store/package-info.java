/**
 * Persistence: the {@link io.cryptogo.store.jdbc.Database} (a HikariCP pool over PostgreSQL or embedded H2,
 * migrated by Flyway) and the storage ports. JDBC implementations live in {@code store.jdbc}.
 */
package io.cryptogo.store;
