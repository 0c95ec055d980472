-- Trading, version 3: exact position accounting, trade proposals, equity history.

-- What a SELL fill realised against the position's cost (0 for a BUY), before fees.
ALTER TABLE fills ADD COLUMN realized_pnl NUMERIC NOT NULL DEFAULT 0;

-- Positions keep their total cost (fees excluded) and the fees paid, so that
-- cash + cost + fees - realized_pnl equals the starting value exactly.
ALTER TABLE positions ADD COLUMN cost NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE positions ADD COLUMN fees NUMERIC NOT NULL DEFAULT 0;

-- The daily trade count and the history page read orders per account and day.
CREATE INDEX orders_account_created_idx ON orders (account_id, created_at);

-- Signals waiting for a person's approval (manual-confirm mode), and what became of them.
CREATE TABLE trade_proposals (
    id               VARCHAR(64)  PRIMARY KEY,
    account_id       VARCHAR(64)  NOT NULL,
    symbol           VARCHAR(32)  NOT NULL,
    side             VARCHAR(4)   NOT NULL,
    quantity         NUMERIC      NOT NULL,
    entry            NUMERIC      NOT NULL,
    stop_loss        NUMERIC      NOT NULL,
    take_profit      NUMERIC      NOT NULL,
    confidence       DOUBLE PRECISION NOT NULL,
    generator        VARCHAR(128) NOT NULL,
    reasoning        TEXT,
    status           VARCHAR(16)  NOT NULL,         -- PENDING APPROVED REJECTED EXPIRED FAILED
    reason           TEXT,
    client_order_id  VARCHAR(64),
    created_at       BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    decided_at       BIGINT
);
CREATE INDEX trade_proposals_status_idx ON trade_proposals (status, created_at);

-- Equity of an account over time, for the dashboard's curve.
CREATE TABLE equity_snapshots (
    account_id    VARCHAR(64)  NOT NULL,
    time          BIGINT       NOT NULL,
    equity        NUMERIC      NOT NULL,
    PRIMARY KEY (account_id, time)
);
