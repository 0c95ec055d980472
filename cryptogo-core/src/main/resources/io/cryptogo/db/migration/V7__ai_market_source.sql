-- AI decision journal, version 7 (cryptogo-ai): the market source each decision was made on, 'binance' or
-- 'simulated'. Decisions journaled before this version have none (NULL: unknown), as do decisions on data
-- a caller supplied without naming its source.
ALTER TABLE ai_decisions ADD COLUMN market_source VARCHAR(16);
