/**
 * News for the desk's sentiment analyst: RSS, Atom and JSON feeds read from URLs or local files, bounded in
 * time, size and item count, and sanitized into plain text that enters prompts only as delimited data.
 */
package io.cryptogo.ai.desk.news;
