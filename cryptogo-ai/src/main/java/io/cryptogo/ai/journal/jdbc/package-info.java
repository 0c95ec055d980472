/**
 * The journal's JDBC adapter: {@link io.cryptogo.ai.journal.jdbc.JdbcDecisionStore} keeps decisions in
 * table {@code ai_decisions} on PostgreSQL or H2 (the same SQL on both).
 */
package io.cryptogo.ai.journal.jdbc;
