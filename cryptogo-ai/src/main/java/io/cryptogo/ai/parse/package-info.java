/**
 * Reading a model's answer and checking it in code: {@link io.cryptogo.ai.parse.SignalParser} turns
 * whatever text came back (code fences, different key spellings, trailing prose) into a {@link
 * io.cryptogo.ai.parse.ModelAnswer}, and {@link io.cryptogo.ai.parse.SignalValidator} lists every rule the
 * answer breaks (levels on the wrong side, a confidence outside 0..1, a stop too close or too far in ATR, a
 * poor reward/risk, an entry away from the last price) in words that can be sent back to the model.
 */
package io.cryptogo.ai.parse;
