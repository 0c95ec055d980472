package io.cryptogo.testing.archfixture.port;

/** A port's value (ArchRulesTest fixture). */
public record Model(String name) {}
