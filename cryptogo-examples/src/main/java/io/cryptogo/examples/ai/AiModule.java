package io.cryptogo.examples.ai;

import io.cryptogo.ai.DecisionLoop;
import io.cryptogo.ai.Holding;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.desk.AgentCallStore;
import io.cryptogo.ai.desk.DeskRisk;
import io.cryptogo.ai.desk.Desks;
import io.cryptogo.ai.desk.jdbc.JdbcAgentCallStore;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.journal.jdbc.JdbcDecisionStore;
import io.cryptogo.config.Config;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Params;
import io.cryptogo.examples.app.guard.SecretMasker;
import io.cryptogo.examples.app.market.SymbolCatalog;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Trader;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI in the sample app: the journal ({@code ai_decisions} in the app's database), the configured
 * generator ({@code rules} unless an LLM is configured), the decision loop on every closed {@code
 * AI_INTERVAL} candle of {@code AI_SYMBOLS} ({@code AI_LOOP=false} turns it off; with several instances on
 * one PostgreSQL each decision is taken by one of them, see {@link AiLoopOwnership}), and:
 *
 * <ul>
 *   <li>{@code POST /api/v1/ai/analyze?symbol=BTC/USDT}: a decision now, on the last closed candle; when
 *       {@code CRYPTOGO_API_TOKEN} is set it needs {@code Authorization: Bearer <token>};
 *   <li>{@code GET /api/v1/ai/decisions?symbol=&from=&to=&limit=&origin=}: the journal, newest candle first
 *       (times in epoch milliseconds, limit 1..1000, default 100; {@code origin} {@code live}, the default,
 *       {@code backtest} or {@code all});
 *   <li>{@code GET /api/v1/ai/decisions/{id}}: one decision with its prompt, snapshot and raw response;
 *   <li>the {@code ai-panel} bundle on {@code /trading}; with the trading module registered before it, the
 *       {@code ai-dashboard} bundle (latest decision in the dashboard's {@code #ai-decision} slot) and the
 *       {@code ai-history} bundle (the decisions table on {@code /history}).
 * </ul>
 *
 * <pre>{@code
 * CryptoGoApp.builder(cg).module(new AiModule()).build().start();
 * }</pre>
 */
public final class AiModule implements AppModule {
    private static final Logger LOG = LoggerFactory.getLogger(AiModule.class);
    private final Function<AppRegistry, DecisionStore> storeFactory;
    private final Function<AppRegistry, AgentCallStore> callsFactory;
    private final Optional<SignalGenerator> generatorOverride;
    private final Clock clock;

    /** The journals (decisions and the desk's agent calls) in the app's database and the generator from configuration. */
    public AiModule() {
        this(
                app -> new JdbcDecisionStore(app.cryptoGo().database()),
                app -> new JdbcAgentCallStore(app.cryptoGo().database()),
                Optional.empty(),
                Clock.systemUTC());
    }

    private AiModule(
            Function<AppRegistry, DecisionStore> storeFactory,
            Function<AppRegistry, AgentCallStore> callsFactory,
            Optional<SignalGenerator> generator,
            Clock clock) {
        this.storeFactory = storeFactory;
        this.callsFactory = callsFactory;
        this.generatorOverride = generator;
        this.clock = clock;
    }

    /** A module on the given journal, generator and clock (tests, embedding); agent calls are kept in memory. */
    public static AiModule with(DecisionStore store, SignalGenerator generator, Clock clock) {
        AgentCallStore calls = AgentCallStore.inMemory();
        return new AiModule(app -> store, app -> calls, Optional.of(generator), clock);
    }

    /** A module on the given journals (decisions and the desk's agent calls), generator and clock. */
    public static AiModule with(DecisionStore store, AgentCallStore calls, SignalGenerator generator, Clock clock) {
        return new AiModule(app -> store, app -> calls, Optional.of(generator), clock);
    }

    @Override
    public void register(AppRegistry app) {
        Config config = app.config();
        SymbolCatalog catalog = app.service(SymbolCatalog.class)
                .orElseThrow(() -> new IllegalStateException("AiModule needs MarketApiModule first"));
        SecretMasker masker = app.service(SecretMasker.class).orElseGet(() -> SecretMasker.from(config));
        // a model answer that echoes a key is masked before it is stored (and again when served)
        MaskingDecisionStore store = new MaskingDecisionStore(storeFactory.apply(app), masker);
        AgentCallStore calls = callsFactory.apply(app);
        // AI_MODE=desk: the multi-agent desk; its code risk check sees the trader's account when trading is on
        DeskRisk.AccountSource accounts = app.service(Trader.class)
                .<DeskRisk.AccountSource>map(t -> DeskAccounts.of(t))
                .orElse(null);
        SignalGenerator generator = generatorOverride.orElseGet(() -> Desks.fromConfig(config, store, calls, accounts));
        if (generator instanceof AutoCloseable c) {
            app.closeOnStop(c);
        }
        // spot: a SELL closes or reduces what the account holds; without the trading module nothing is held
        Function<Symbol, Holding> holdings = app.service(Trader.class)
                .<Function<Symbol, Holding>>map(trader -> s -> holding(trader, s))
                .orElse(s -> Holding.NONE);
        // a cluster on one PostgreSQL takes each scheduled decision once: the instance owning the symbol's
        // "ai-loop" advisory lock, a trading instance whenever one is alive (its decisions reach its trader)
        AiLoopOwnership ownership = AiLoopOwnership.forDatabase(
                () -> app.cryptoGo().database(),
                app.service(Trader.class).isPresent(),
                config.duration("AI_LOOP_CHECK", java.time.Duration.ofSeconds(10)));
        DecisionLoop loop = DecisionLoop.fromConfig(config, app.market(), generator, clock, holdings, ownership::owns);
        app.closeOnStop(ownership);
        app.service(DecisionStore.class, store);
        app.service(DecisionLoop.class, loop);
        app.service(AiLoopOwnership.class, ownership);
        app.closeOnStop(loop);
        // one analysis as a durable job (POST /api/v1/jobs {"kind":"analysis"}) when the app runs a job queue
        io.cryptogo.examples.app.jobs.JobsModule.offer(app, "analysis", new AnalysisJob(app));
        // With the trading module present, every BUY/SELL decision goes to the trader: a proposal awaiting a
        // person (AUTO_TRADING=off, the default) or an order (paper/live). HOLDs and abstentions never trade.
        app.service(Trader.class)
                .ifPresent(trader -> loop.onDecision(d -> {
                    if (d.abstained() || d.signal().action() == TradeSignal.Action.HOLD) {
                        return;
                    }
                    try {
                        trader.auto().onSignal(d.signal());
                    } catch (RiskRejectedException e) {
                        LOG.info(
                                "AI signal {} {} not traded: {}",
                                d.signal().action(),
                                d.signal().symbol(),
                                e.getMessage());
                    }
                }));
        if (config.bool("AI_LOOP", true)) {
            ownership.start(loop.symbols(), loop.interval());
            loop.start();
        }
        // the app's token (the trading module's, or CRYPTOGO_API_TOKEN, or generated) guards analyze
        Symbol defaultSymbol = app.settings().defaultSymbol();

        app.routes().post("/api/v1/ai/analyze", ctx -> {
            app.service(ApiToken.class).orElseThrow().require(ctx);
            Symbol symbol = Params.querySymbol(ctx, "symbol", defaultSymbol);
            catalog.require(symbol, "symbol");
            Decision d = loop.analyze(symbol);
            ctx.json(DecisionView.detail(store.mask(d)));
        });
        app.routes().get("/api/v1/ai/decisions", ctx -> {
            DecisionQuery q = DecisionQuery.latest(Params.intInRange(ctx, "limit", 100, 1, DecisionQuery.MAX_LIMIT));
            // live decisions unless asked: a backtest's decisions share the journal (and its response cache)
            String origin = Params.oneOf(ctx, "origin", "live", List.of("live", "backtest", "all"));
            if (!origin.equals("all")) {
                q = q.origin(Decision.Origin.Kind.parse(origin));
            }
            Optional<Symbol> symbol = Params.optionalSymbol(ctx, "symbol");
            if (symbol.isPresent()) {
                catalog.require(symbol.get(), "symbol");
                q = q.symbol(symbol.get());
            }
            Optional<Instant> from = Params.epochMillis(ctx, "from");
            Optional<Instant> to = Params.epochMillis(ctx, "to");
            if (from.isPresent()) {
                q = q.from(from.get());
            }
            if (to.isPresent()) {
                q = q.to(to.get());
            }
            List<DecisionView> out =
                    store.find(q).stream().map(DecisionView::summary).toList();
            ctx.json(out);
        });
        app.routes().get("/api/v1/ai/decisions/{id}", ctx -> {
            long id = Params.pathId(ctx, "id");
            Decision d = store.find(id).orElseThrow(() -> new NotFoundResponse("no AI decision with id " + id));
            ctx.json(TranscriptView.detail(DecisionView.detail(d), calls.transcript(id)));
        });
        app.pageScript("/trading", "ai-panel");
        // the trading module's pages: the latest decision in the dashboard's #ai-decision slot, the journal on /history
        if (app.pages().stream().anyMatch(p -> p.path().equals("/dashboard"))) {
            app.pageScript("/dashboard", "ai-dashboard");
        }
        if (app.pages().stream().anyMatch(p -> p.path().equals("/history"))) {
            app.pageScript("/history", "ai-history");
        }
    }

    /**
     * What the account holds of a symbol's base asset: free plus locked, because a long whose stop and target
     * rest on the venue (an OCO) has its base asset locked and is still a long a SELL may close; the average
     * entry is the open position's, when there is one.
     */
    static Holding holding(Trader trader, Symbol symbol) {
        java.math.BigDecimal held = trader.balances().stream()
                .filter(b -> b.asset().equals(symbol.base()))
                .map(b -> b.free().add(b.locked()))
                .findFirst()
                .orElse(java.math.BigDecimal.ZERO);
        if (held.signum() <= 0) {
            return Holding.NONE;
        }
        java.util.Optional<java.math.BigDecimal> average = trader.positions().stream()
                .filter(p -> p.symbol().equals(symbol) && p.isOpen())
                .map(io.cryptogo.trading.Position::averagePrice)
                .filter(a -> a.signum() > 0)
                .findFirst();
        return new Holding(held, average);
    }
}
