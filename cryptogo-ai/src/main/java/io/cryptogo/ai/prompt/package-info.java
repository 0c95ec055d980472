/**
 * Prompt templates: versioned system and user texts shipped as resources ({@code prompts/v2/system.txt},
 * {@code prompts/v2/user.txt}), replaceable by files ({@code AI_SYSTEM_PROMPT_FILE}, {@code
 * AI_USER_PROMPT_FILE}), rendered with the snapshot into a {@link io.cryptogo.ai.prompt.RenderedPrompt} that
 * carries the template version and the SHA-256 of the exact text sent.
 */
package io.cryptogo.ai.prompt;
