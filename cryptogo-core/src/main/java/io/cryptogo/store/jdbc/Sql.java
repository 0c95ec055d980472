package io.cryptogo.store.jdbc;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Translates JDBC failures into the CryptoGo exception tree, in one place. */
final class Sql {
    private Sql() {}

    /**
     * A lost or unreachable server (SQLSTATE class 08, PostgreSQL's 57P01..57P03 "terminating connection",
     * a pool timeout) becomes a retriable {@link StoreUnavailableException}; anything else a plain {@link
     * CryptoGoException} carrying the database's message.
     */
    static CryptoGoException translate(String what, SQLException e) {
        if (isConnectionLoss(e)) {
            return new StoreUnavailableException(
                    what + " failed: database unavailable (" + e.getMessage() + "); retry when it is back", e);
        }
        return new CryptoGoException(what + " failed: " + e.getMessage(), e);
    }

    static boolean isConnectionLoss(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
