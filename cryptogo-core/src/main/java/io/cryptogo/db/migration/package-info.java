/**
 * CryptoGo's Flyway migrations: SQL under {@code classpath:io/cryptogo/db/migration} and the Java ones in
 * this package, recorded in the history table {@code cryptogo_schema_history} so that a host application's
 * own Flyway (default location and table) never sees them.
 */
package io.cryptogo.db.migration;
