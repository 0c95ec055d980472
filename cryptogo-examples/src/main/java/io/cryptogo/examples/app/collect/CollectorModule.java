package io.cryptogo.examples.app.collect;

import io.cryptogo.collect.BalanceSource;
import io.cryptogo.collect.Collector;
import io.cryptogo.collect.CollectorSettings;
import io.cryptogo.collect.StoreBackedMarketData;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.trading.Trader;
import java.util.Optional;

/**
 * Runs the {@link Collector} inside the app: backfills each configured (symbol, interval) to {@code
 * COLLECT_HISTORY_BARS}, keeps it up every {@code COLLECT_PERIOD} and from the live stream, and syncs the
 * paper account's balances every {@code ACCOUNT_SYNC_PERIOD}. Several app instances on one PostgreSQL elect
 * one collector through an advisory lock; the others only serve. {@code COLLECT_ENABLED=false} turns it off.
 *
 * <p>Register it after the trading module so the account sync finds the {@link Trader}. It reads from the
 * exchange itself, not through a {@link StoreBackedMarketData}.
 */
public final class CollectorModule implements AppModule {
    /** The module, as the app registry instantiates it. */
    public CollectorModule() {}

    private volatile Collector collector;

    /** The running collector, once registered (empty when disabled). */
    public Optional<Collector> collector() {
        return Optional.ofNullable(collector);
    }

    @Override
    public void register(AppRegistry app) {
        CollectorSettings settings = CollectorSettings.fromConfig(app.config());
        if (!settings.enabled()) {
            return;
        }
        MarketDataSource market = app.market();
        MarketDataSource exchange = market instanceof StoreBackedMarketData s ? s.exchange() : market;
        Optional<Trader> trader = app.service(Trader.class);
        BalanceSource balances = trader.<BalanceSource>map(t -> t::balances).orElse(BalanceSource.empty());
        Collector c = Collector.builder(exchange, app.cryptoGo().database())
                .settings(settings)
                .balances(balances)
                .build();
        app.closeOnStop(c);
        app.service(Collector.class, c);
        collector = c.start();
    }
}
