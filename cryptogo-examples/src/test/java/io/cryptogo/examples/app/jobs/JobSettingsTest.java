package io.cryptogo.examples.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JobSettingsTest {

    @Test
    void theDefaultsTakeADeadJobOverWithinFourteenSeconds() {
        JobSettings d = JobSettings.fromConfig(Config.of(Map.of()));
        assertThat(d).isEqualTo(JobSettings.defaults());
        assertThat(d.deadAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.deadAfter().plus(d.heartbeat().multipliedBy(2))).isEqualTo(Duration.ofSeconds(14));
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThat(d.retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void retentionIsZeroForForeverOrADurationAndABadOneNamesTheAcceptedForms() {
        assertThat(JobSettings.fromConfig(Config.of(Map.of("JOBS_RETENTION", "0")))
                        .keepsFinishedJobsForever())
                .isTrue();
        assertThat(JobSettings.fromConfig(Config.of(Map.of("JOBS_RETENTION", "0s")))
                        .retention())
                .isZero();
        assertThat(JobSettings.fromConfig(Config.of(Map.of("JOBS_RETENTION", "30d")))
                        .retention())
                .isEqualTo(Duration.ofDays(30));
        assertThat(JobSettings.fromConfig(Config.of(Map.of("JOBS_RETENTION", "PT12H")))
                        .retention())
                .isEqualTo(Duration.ofHours(12));
        assertThat(JobSettings.defaults().keepsFinishedJobsForever()).isFalse();
        for (String bad : new String[] {"a week", "7", "-1d", "500ms", "3651d"}) {
            assertThatThrownBy(() -> JobSettings.fromConfig(Config.of(Map.of("JOBS_RETENTION", bad))))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("JOBS_RETENTION")
                    .hasMessageContaining("0 (keep finished jobs forever)")
                    .hasMessageContaining("1s to 3650d");
        }
    }

    @Test
    void everySettingIsReadAndABadOneFailsNamingItsRange() {
        JobSettings s = JobSettings.fromConfig(Config.of(Map.of(
                "JOBS_THREADS", "4",
                "JOBS_POLL_INTERVAL", "500ms",
                "JOBS_HEARTBEAT", "1s",
                "JOBS_MISSED_HEARTBEATS", "10",
                "JOBS_MAX_ATTEMPTS", "5",
                "JOBS_RETRY_DELAY", "30s",
                "JOBS_PER_CLIENT", "8",
                "JOBS_SHUTDOWN_WAIT", "1m",
                "JOBS_RETENTION", "36h")));
        assertThat(s)
                .isEqualTo(new JobSettings(
                        4,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        10,
                        5,
                        Duration.ofSeconds(30),
                        8,
                        Duration.ofMinutes(1),
                        Duration.ofHours(36)));
        assertThatThrownBy(() -> JobSettings.fromConfig(Config.of(Map.of("JOBS_MISSED_HEARTBEATS", "1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JOBS_MISSED_HEARTBEATS")
                .hasMessageContaining("3..100");
        assertThatThrownBy(() -> JobSettings.fromConfig(Config.of(Map.of("JOBS_HEARTBEAT", "10ms"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JOBS_HEARTBEAT");
        assertThatThrownBy(() -> JobSettings.fromConfig(Config.of(Map.of("JOBS_RETRY_DELAY", "soon"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JOBS_RETRY_DELAY");
    }
}
