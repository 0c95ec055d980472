-- Grid trading: one row per grid, its settings and the whole state of its levels as JSON, rewritten after
-- every change so that a restart resumes the grid where it stood.
CREATE TABLE grids (
    id          VARCHAR(16)  PRIMARY KEY,
    symbol      VARCHAR(32)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    state       TEXT         NOT NULL
);
CREATE INDEX grids_status ON grids (status);
