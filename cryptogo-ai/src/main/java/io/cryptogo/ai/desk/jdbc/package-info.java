/** The JDBC adapter of the desk's agent-call journal ({@code ai_agent_calls}, migration V8). */
package io.cryptogo.ai.desk.jdbc;
