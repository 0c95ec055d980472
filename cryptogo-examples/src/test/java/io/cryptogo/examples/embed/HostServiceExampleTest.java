package io.cryptogo.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.testing.TestDatabases;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostServiceExampleTest {
    @Test
    void hostFlywayAndCryptoGoKeepSeparateHistoriesOnOnePostgresSchema() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.postgres("embed-host")) {
            HostServiceExample.Result r = HostServiceExample.run(h.database());
            assertThat(r.hostVersions()).containsExactly("1");
            assertThat(r.cryptogoVersions()).contains("1", "6", "8").hasSizeGreaterThan(1);
            assertThat(HostServiceExample.versions(h.database(), "cryptogo_schema_history"))
                    .isEqualTo(r.cryptogoVersions());
            assertThat(r.paperBalances()).isPositive();
            // the host's database stays open after cg.close()
            assertThat(HostServiceExample.versions(h.database(), "flyway_schema_history"))
                    .containsExactly("1");
        }
    }
}
