package io.cryptogo.examples.app.market;

import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Params;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /api/v1/market/*}: klines, ticker, symbols and 24h stats, validated against the market's symbol
 * list. Publishes the {@link SymbolCatalog} as a service for later modules.
 */
public final class MarketApiModule implements AppModule {
    /** The module, as the app registry instantiates it. */
    public MarketApiModule() {}

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    @Override
    public void register(AppRegistry app) {
        MarketDataSource market = app.market();
        SymbolCatalog catalog = new SymbolCatalog(market, Duration.ofMinutes(10), Clock.systemUTC());
        app.service(SymbolCatalog.class, catalog);
        Symbol defaultSymbol = app.settings().defaultSymbol();
        KlineCache klineCache = KlineCache.fromConfig(app.config(), app.json());

        app.routes().get("/api/v1/market/klines", ctx -> {
            Symbol symbol = Params.querySymbol(ctx, "symbol", defaultSymbol);
            Interval interval = Params.interval(ctx, "interval", Interval.H1);
            int limit = Params.intInRange(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            Optional<Instant> start = Params.epochMillis(ctx, "startTime");
            Optional<Instant> end = Params.epochMillis(ctx, "endTime");
            if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
                throw new io.cryptogo.error.InvalidRequestException(
                        "startTime",
                        "startTime " + start.get().toEpochMilli() + " is after endTime "
                                + end.get().toEpochMilli() + "; accepted values: startTime <= endTime (epoch ms)");
            }
            catalog.require(symbol, "symbol");
            KlineQuery query = new KlineQuery(symbol, interval, start, end, limit);
            klineCache.serve(ctx, query, () -> market.klines(query));
        });
        app.routes().get("/api/v1/market/ticker/{symbol}", ctx -> {
            Symbol symbol = Params.pathSymbol(ctx, "symbol");
            catalog.require(symbol, "symbol");
            ctx.json(MarketJson.TickerJson.of(market.ticker(symbol)));
        });
        app.routes().get("/api/v1/market/stats/{symbol}", ctx -> {
            Symbol symbol = Params.pathSymbol(ctx, "symbol");
            catalog.require(symbol, "symbol");
            ctx.json(MarketJson.StatsJson.of(market.stats24h(symbol)));
        });
        app.routes()
                .get(
                        "/api/v1/market/symbols",
                        ctx -> ctx.json(catalog.all().stream()
                                .map(MarketJson.SymbolJson::of)
                                .toList()));
    }
}
