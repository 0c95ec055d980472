-- AI decision journal, version 4 (cryptogo-ai): the response cache's key and whether an answer was
-- served from it, and an index for queries by symbol and candle time (chart markers, replays).
ALTER TABLE ai_decisions ADD COLUMN cache_key VARCHAR(64);
ALTER TABLE ai_decisions ADD COLUMN cached BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ai_decisions_cache_key_idx ON ai_decisions (cache_key);
CREATE INDEX ai_decisions_symbol_candle_idx ON ai_decisions (symbol, candle_time);
-- a replaced template's version names its file and hash (v1+system:…@…+user:…@…): more than 32 characters
ALTER TABLE ai_decisions ALTER COLUMN template_version SET DATA TYPE VARCHAR(200);
