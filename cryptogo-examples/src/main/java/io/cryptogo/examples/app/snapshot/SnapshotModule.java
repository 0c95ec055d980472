package io.cryptogo.examples.app.snapshot;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Params;
import io.cryptogo.examples.app.market.SymbolCatalog;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/ai/snapshot?symbol=BTC/USDT&interval=1m&context=4h&length=10&format=zh|en|json}: the
 * snapshot the AI decides from. {@code zh} (default) and {@code en} answer {@code text/plain}, {@code json}
 * answers the same numbers at full precision.
 */
public final class SnapshotModule implements AppModule {
    /** The module, as the app registry instantiates it. */
    public SnapshotModule() {}

    public static final List<String> FORMATS = List.of("zh", "en", "json");

    @Override
    public void register(AppRegistry app) {
        SymbolCatalog catalog = app.service(SymbolCatalog.class)
                .orElseThrow(() -> new IllegalStateException("SnapshotModule needs MarketApiModule first"));
        Symbol defaultSymbol = app.settings().defaultSymbol();
        app.routes().get("/api/v1/ai/snapshot", ctx -> {
            Symbol symbol = Params.querySymbol(ctx, "symbol", defaultSymbol);
            Interval interval = Params.interval(ctx, "interval", Interval.M1);
            Interval context = Params.interval(ctx, "context", Interval.H4);
            int length = Params.intInRange(ctx, "length", 10, 1, 100);
            String format = Params.oneOf(ctx, "format", "zh", FORMATS);
            if (context.millis() <= interval.millis()) {
                throw new InvalidRequestException(
                        "context",
                        "context " + context + " must be a longer interval than interval " + interval
                                + "; accepted values: " + longer(interval));
            }
            catalog.require(symbol, "symbol");
            MarketSnapshot s = MarketSnapshot.builder(app.market())
                    .symbol(symbol)
                    .intradayInterval(interval)
                    .contextInterval(context)
                    .seriesLength(length)
                    .build();
            switch (format) {
                case "json" -> ctx.contentType("application/json").result(s.toJson());
                case "en" -> ctx.contentType("text/plain; charset=utf-8").result(s.toText(Locale.ENGLISH));
                default -> ctx.contentType("text/plain; charset=utf-8").result(s.toText(Locale.SIMPLIFIED_CHINESE));
            }
        });
    }

    private static String longer(Interval than) {
        StringBuilder b = new StringBuilder();
        for (Interval i : Interval.values()) {
            if (i.millis() > than.millis()) {
                b.append(b.isEmpty() ? "" : ", ").append(i.code());
            }
        }
        return b.isEmpty() ? "(none: choose a shorter interval)" : b.toString();
    }
}
