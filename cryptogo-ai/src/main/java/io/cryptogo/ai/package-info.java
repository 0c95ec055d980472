/** Signal generators (LLM and rule-based), prompt templates, parsing, validation and the decision journal. */
package io.cryptogo.ai;
