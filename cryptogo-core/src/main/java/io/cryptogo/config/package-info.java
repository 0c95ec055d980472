/**
 * Settings from system properties, the environment and a {@code .env} file ({@link
 * io.cryptogo.config.Config}), validated at start with errors that name the setting and its accepted
 * values; secrets are masked whenever settings are shown.
 */
package io.cryptogo.config;
