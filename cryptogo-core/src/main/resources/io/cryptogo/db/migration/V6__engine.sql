-- Trading, version 6 (the execution engine): every order, fill and position records the market source
-- it was made on ('binance' or 'simulated'); rows from before this version say 'unknown'.
ALTER TABLE orders ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'unknown';
ALTER TABLE fills ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'unknown';
ALTER TABLE positions ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'unknown';

-- One writer per account: a trader holds a row lock on its account's row for as long as it runs
-- (SELECT ... FOR UPDATE NOWAIT in an open transaction); a second one fails at start with a clear error.
CREATE TABLE trading_leases (
    account_id    VARCHAR(64)  PRIMARY KEY,
    holder        VARCHAR(200) NOT NULL,
    acquired_at   BIGINT       NOT NULL
);
