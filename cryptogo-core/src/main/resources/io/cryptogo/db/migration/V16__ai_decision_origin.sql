-- AI decision journal, version 16 (cryptogo-ai): who took each decision, 'live' (the decision loop, an
-- on-demand analysis, the desk) or 'backtest' (an LLM or signal strategy in a backtest, with the run's id
-- when it has one). Decisions journaled before this version were all live. The response cache ignores it.
ALTER TABLE ai_decisions ADD COLUMN origin VARCHAR(16) NOT NULL DEFAULT 'live';
ALTER TABLE ai_decisions ADD COLUMN origin_run VARCHAR(64);
CREATE INDEX ai_decisions_origin_candle_idx ON ai_decisions (origin, candle_time);
