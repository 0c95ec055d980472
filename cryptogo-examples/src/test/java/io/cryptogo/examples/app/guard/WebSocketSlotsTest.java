package io.cryptogo.examples.app.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.config.Config;
import io.cryptogo.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-client WebSocket bound counts an upgrade from the moment it is allowed, not from the server's open
 * callback, which may run after the client already holds its handshake answer and asks for the next socket.
 */
@Timeout(30)
class WebSocketSlotsTest {
    static final String CLIENT = "127.0.0.1";

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    final RequestGuard guard = new RequestGuard(
            true,
            GuardSettings.from(Config.of(Map.of("WS_MAX_CONNECTIONS_PER_CLIENT", "2"))),
            () -> null,
            Set::of,
            clock);

    @Test
    void upgradesAllowedButNotYetOpenCountAgainstTheBound() {
        guard.reserveSocket(CLIENT);
        guard.reserveSocket(CLIENT);
        // neither socket has run its open callback yet: a third upgrade is still refused
        assertThatThrownBy(() -> guard.reserveSocket(CLIENT)).isInstanceOf(RequestGuard.TooManyRequests.class);
        guard.socketOpened(CLIENT);
        guard.socketOpened(CLIENT);
        assertThatThrownBy(() -> guard.reserveSocket(CLIENT)).isInstanceOf(RequestGuard.TooManyRequests.class);
        guard.socketClosed(CLIENT);
        assertThatCode(() -> guard.reserveSocket(CLIENT)).doesNotThrowAnyException();
        // another address has its own slots
        assertThatCode(() -> guard.reserveSocket("10.0.0.9")).doesNotThrowAnyException();
    }

    @Test
    void aSlotWhoseSocketNeverOpensIsGivenBack() {
        guard.reserveSocket(CLIENT);
        guard.reserveSocket(CLIENT);
        assertThatThrownBy(() -> guard.reserveSocket(CLIENT)).isInstanceOf(RequestGuard.TooManyRequests.class);
        clock.advance(RequestGuard.PENDING.plus(Duration.ofSeconds(1)));
        assertThatCode(() -> guard.reserveSocket(CLIENT)).doesNotThrowAnyException();
    }
}
