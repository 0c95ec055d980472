package io.cryptogo.examples.trading;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Params;
import io.cryptogo.examples.app.market.SymbolCatalog;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.mode.AutoTrading;
import io.cryptogo.trading.risk.PriceBounds;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's trading part: the orders, account, positions and proposals REST API (state-changing calls
 * need {@code Authorization: Bearer <CRYPTOGO_API_TOKEN>}), the dashboard and history pages, and fill
 * markers on the chart. Publishes the {@link Trader} as a service so that a module registered later (the
 * AI module) can hand it signals: {@code app.service(Trader.class).get().auto().onSignal(signal)}.
 *
 * <pre>{@code
 * CryptoGoApp.builder(cg).module(new TradingModule()).build().start();
 * }</pre>
 */
public final class TradingModule implements AppModule {
    private static final Logger log = LoggerFactory.getLogger(TradingModule.class);

    private final Trader given;
    private final ApiToken givenToken;
    private final PrintStream out;
    private Trader trader;
    private ApiToken token;
    private SymbolCatalog catalog;

    /** Builds the trader from the app's configuration and database ({@link Trader#fromConfig}). */
    public TradingModule() {
        this(null, null, System.out);
    }

    /** Uses this trader and token (tests, embedding). */
    public TradingModule(Trader trader, ApiToken token) {
        this(trader, token, System.out);
    }

    private TradingModule(Trader trader, ApiToken token, PrintStream out) {
        this.given = trader;
        this.givenToken = token;
        this.out = out;
    }

    @Override
    public String name() {
        return "trading";
    }

    public Trader trader() {
        return trader;
    }

    public ApiToken token() {
        return token;
    }

    @Override
    public void register(AppRegistry app) {
        token = givenToken != null ? givenToken : ApiToken.fromConfig(app.config());
        if (token.generated()) {
            // nobody else could know the token: the app then binds 127.0.0.1 (CryptoGoApp.bindHost)
            out.println();
            out.println("  CRYPTOGO_API_TOKEN was not set; generated for this run (shown once):");
            out.println("  " + token.value());
            out.println("  the app listens on 127.0.0.1 only; set CRYPTOGO_API_TOKEN to serve other hosts");
            out.println();
        }
        if (given != null) {
            trader = given;
        } else {
            trader =
                    Trader.fromConfig(app.config(), app.market(), app.cryptoGo().database());
            app.closeOnStop(trader);
        }
        app.service(Trader.class, trader);
        app.service(ApiToken.class, token);
        Duration every = app.config().duration("EQUITY_SNAPSHOT_INTERVAL", Duration.ofMinutes(1));
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new io.cryptogo.config.ConfigException(
                    "EQUITY_SNAPSHOT_INTERVAL", "EQUITY_SNAPSHOT_INTERVAL must be at least 1s, got " + every);
        }
        ScheduledExecutorService snapshots = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cryptogo-equity");
            t.setDaemon(true);
            return t;
        });
        snapshots.scheduleAtFixedRate(this::snapshot, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        app.closeOnStop(snapshots::shutdownNow);
        trader.onOrderEvent(e -> {
            if (e.fill().isPresent()) {
                snapshot();
            }
        });

        catalog = app.service(SymbolCatalog.class)
                .orElseThrow(() -> new IllegalStateException("TradingModule needs MarketApiModule registered first"));
        var r = app.routes();
        r.post("/api/v1/orders", this::submit);
        r.delete("/api/v1/orders/{id}", ctx -> {
            token.require(ctx);
            long id = Params.pathId(ctx, "id");
            if (trader.order(id).isEmpty()) {
                throw new NotFoundResponse("no order with id " + id);
            }
            ctx.json(trader.cancel(id));
        });
        r.get(
                "/api/v1/orders",
                ctx -> ctx.json(trader.orders(statuses(ctx), Params.intInRange(ctx, "limit", 100, 1, 1000))));
        r.get("/api/v1/orders/{id}", ctx -> {
            long id = Params.pathId(ctx, "id");
            ctx.json(trader.order(id).orElseThrow(() -> new NotFoundResponse("no order with id " + id)));
        });
        r.get("/api/v1/fills", ctx -> {
            Optional<Symbol> symbol = Params.optionalSymbol(ctx, "symbol");
            symbol.ifPresent(s -> requireListed(s));
            Instant since = Params.epochMillis(ctx, "since").orElse(Instant.EPOCH);
            ctx.json(trader.fills(symbol, since, Params.intInRange(ctx, "limit", 200, 1, 5000)));
        });
        r.get("/api/v1/account", ctx -> ctx.json(account()));
        r.get(
                "/api/v1/account/equity",
                ctx -> ctx.json(trader.store()
                        .equity(
                                trader.venue().accountId(),
                                Instant.EPOCH,
                                Params.intInRange(ctx, "limit", 500, 1, 10_000))));
        r.get("/api/v1/positions", ctx -> ctx.json(positions()));
        r.get(
                "/api/v1/protection",
                ctx -> ctx.json(trader.protection().stream()
                        .map(p -> Map.of("symbol", p.symbol(), "protection", TradingJson.ProtectionView.of(p)))
                        .toList()));
        r.get("/api/v1/proposals", ctx -> {
            String status = Params.oneOf(ctx, "status", "pending", List.of("pending", "all"));
            ctx.json(
                    status.equals("pending")
                            ? trader.proposals().pending()
                            : trader.proposals().all(200));
        });
        r.post("/api/v1/proposals", ctx -> {
            token.require(ctx);
            TradeSignal s =
                    TradingJson.signal(Params.jsonObject(ctx), trader.clock().instant());
            SymbolInfo info = requireListed(s.symbol());
            BigDecimal reference = trader.market().ticker(s.symbol()).price();
            PriceBounds.BINANCE_DEFAULT.check("entry", Optional.of(s.entry()), info, reference);
            PriceBounds.BINANCE_DEFAULT.check("stopLoss", s.stopLoss(), info, reference);
            PriceBounds.BINANCE_DEFAULT.check("takeProfit", s.takeProfit(), info, reference);
            AutoTrading.Outcome o = trader.auto().onSignal(s);
            if (o.skipped().isPresent()) {
                // spot: a SELL with no position is nothing to do, not an error
                ctx.status(200).json(Map.of("skipped", o.skipped().get()));
                return;
            }
            if (o.proposal().isEmpty() && o.order().isEmpty()) {
                throw new InvalidRequestException("action", "a HOLD signal proposes nothing");
            }
            ctx.status(201)
                    .json(
                            o.proposal().isPresent()
                                    ? o.proposal().get()
                                    : o.order().get());
        });
        r.post("/api/v1/proposals/{id}/approve", ctx -> {
            token.require(ctx);
            ctx.json(trader.proposals().approve(proposalId(ctx)));
        });
        r.post("/api/v1/proposals/{id}/reject", ctx -> {
            token.require(ctx);
            String id = proposalId(ctx);
            String reason = null;
            if (!ctx.body().isBlank()) {
                JsonNode body = Params.jsonObject(ctx);
                TradingJson.onlyFields(body, List.of("reason"));
                JsonNode v = body.get("reason");
                if (v != null && !v.isNull()) {
                    if (!v.isTextual() || v.textValue().length() > 500) {
                        throw new InvalidRequestException(
                                "reason", "reason must be a string of at most 500 characters");
                    }
                    reason = v.textValue();
                }
            }
            ctx.json(trader.proposals().reject(id, reason));
        });

        app.page("/dashboard", "Dashboard", "dashboard");
        app.page("/history", "History", "history");
        app.nav("/dashboard", "Dashboard", 20);
        app.nav("/history", "History", 30);
        app.pageScript("/trading", "trade-marks");
        log.info(
                "trading endpoints ready on venue {} (auto trading {})",
                trader.venue().accountId(),
                trader.auto().mode());
    }

    private void submit(Context ctx) {
        token.require(ctx);
        OrderRequest req = TradingJson.orderRequest(Params.jsonObject(ctx));
        requireListed(req.symbol());
        boolean existed = trader.order(req.clientOrderId()).isPresent();
        Order o = trader.submit(req);
        ctx.status(existed ? 200 : 201).json(o);
    }

    private String proposalId(Context ctx) {
        String id = Params.pathToken(ctx, "id");
        if (trader.proposals().get(id).isEmpty()) {
            throw new NotFoundResponse("no proposal with id " + id);
        }
        return id;
    }

    private static List<OrderStatus> statuses(Context ctx) {
        Optional<String> v = Params.query(ctx, "status");
        if (v.isEmpty()) {
            return List.of();
        }
        String s = v.get();
        if (s.equalsIgnoreCase("open")) {
            return List.of(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.UNKNOWN);
        }
        return Arrays.stream(s.split(",", -1))
                .map(x -> TradingJson.enumOf(OrderStatus.class, "status", x))
                .toList();
    }

    /** The symbol's info from the market's list: 400 naming {@code symbol} for one that is not listed. */
    private SymbolInfo requireListed(Symbol s) {
        return catalog.require(s, "symbol");
    }

    private Map<String, Object> account() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("venue", trader.venue().accountId());
        m.put("live", trader.venue().live());
        m.put("testnet", trader.venue().testnet());
        m.put("source", trader.source());
        m.put("equityAsset", trader.equityAsset());
        m.put("equity", trader.equity());
        m.put("balances", trader.balances());
        m.put("pnlToday", trader.pnlToday());
        m.put("tradesToday", trader.tradesToday());
        m.put("limits", trader.risk().limits());
        m.put("autoTrading", trader.auto().mode().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private List<TradingJson.PositionView> positions() {
        List<TradingJson.PositionView> out = new ArrayList<>();
        Map<Symbol, TradingJson.ProtectionView> protection = new java.util.HashMap<>();
        trader.protection().forEach(x -> protection.put(x.symbol(), TradingJson.ProtectionView.of(x)));
        for (Position p : trader.positions()) {
            Optional<BigDecimal> price;
            try {
                price = Optional.of(trader.market().ticker(p.symbol()).price());
            } catch (CryptoGoException e) {
                price = Optional.empty();
            }
            out.add(TradingJson.PositionView.of(p, price, Optional.ofNullable(protection.get(p.symbol()))));
        }
        return out;
    }

    private void snapshot() {
        try {
            trader.snapshotEquity();
        } catch (RuntimeException e) {
            log.debug("equity snapshot skipped: {}", e.toString());
        }
    }
}
