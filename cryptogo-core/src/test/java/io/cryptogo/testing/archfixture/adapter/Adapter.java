package io.cryptogo.testing.archfixture.adapter;

import io.cryptogo.testing.archfixture.port.Model;

/** An adapter of the port (ArchRulesTest fixture). */
public record Adapter(Model model) {}
