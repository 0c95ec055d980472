-- A host application's own first migration, in Flyway's default location (classpath:db/migration) with the
-- default history table (flyway_schema_history): FlywayCoexistenceTest runs it beside CryptoGo's migrations.
CREATE TABLE host_orders (
    id     BIGINT PRIMARY KEY,
    note   VARCHAR(64) NOT NULL
);
