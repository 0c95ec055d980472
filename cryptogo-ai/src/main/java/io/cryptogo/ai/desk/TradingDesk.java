package io.cryptogo.ai.desk;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.V;
import io.cryptogo.ai.LlmSignalGenerator;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.desk.news.NewsItem;
import io.cryptogo.ai.desk.news.NewsSource;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.ai.parse.ModelAnswer;
import io.cryptogo.ai.parse.SignalParser;
import io.cryptogo.ai.parse.SignalValidator;
import io.cryptogo.ai.parse.ValidationRules;
import io.cryptogo.ai.prompt.RenderedPrompt;
import io.cryptogo.ai.provider.PriceTable;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.SignalParseException;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.model.TradeSignal.Action;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-agent trading desk as a {@link SignalGenerator}, labelled {@code desk:<provider>/<model>}:
 *
 * <ol>
 *   <li>the technical analyst (snapshot) and the sentiment analyst (news, as delimited data) in parallel;
 *   <li>{@code debateRounds} rounds of bull and bear researchers, then the research manager (0 rounds: none);
 *   <li>the trader: the single generator's prompt plus the desk's views, parsed and validated exactly as the
 *       single generator's answer ({@link SignalParser}, {@link SignalValidator}), a {@link TradeSignal};
 *   <li>code guards: a trade must agree with the technical bias (sentiment alone never trades), then the code
 *       risk check ({@link DeskRisk}: spot only, limits, sizing), whose veto is final;
 *   <li>the LLM risk commentary, which can only lower the confidence or turn the trade into a HOLD.
 * </ol>
 *
 * The steps run as a langchain4j-agentic workflow (sequence, parallel, loop) of code agents, each wrapping one
 * disciplined model call (cache, budget, per-agent timeout, re-ask, abstain). A missing sentiment means a
 * decision on the technical view alone (said in the reasoning); a failed technical analyst or trader means
 * an abstained HOLD. When the budget runs out the desk falls back to the single LLM ({@code
 * desk->llm:<provider>/<model>}) and, when the day's budget allows no call at all, to the rules ({@code
 * desk->rules}). Every agent call is journaled, linked to its decision ({@link AgentCallStore}), and serves
 * as the response cache, so a replay over the same data makes no model call.
 *
 * <pre>{@code
 * TradingDesk desk = TradingDesk.builder(model, "openai", "gpt-4o-mini")
 *         .news(NewsFeeds.fromConfig(config)).store(decisions).calls(agentCalls).build();
 * Decision d = desk.decide(SignalInput.of(snapshot));
 * List<AgentCall> transcript = desk.transcript(d);
 * }</pre>
 */
public final class TradingDesk implements SignalGenerator, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TradingDesk.class);
    /** The desk's prompt and workflow version, stored as the decision's template version. */
    public static final String VERSION = "desk/v1";

    private static final MathContext PRICE_DIGITS = new MathContext(8);

    private final DeskRun.Context ctx;
    private final String label;
    private final LlmSignalGenerator single;
    private final SignalGenerator rules;
    private final SignalValidator validator;
    private final Locale language;
    private final NewsSource news;
    private final DeskRisk risk;
    private final DeskRisk.AccountSource accounts;
    private final int debateRounds;
    private final DecisionStore decisions;
    private final AgentCallStore calls;
    private final DeskBudget budget;
    private final ExecutorService executor;
    private final UntypedAgent workflow;

    private TradingDesk(Builder b) {
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cryptogo-desk");
            t.setDaemon(true);
            return t;
        });
        this.calls = b.calls != null ? b.calls : AgentCallStore.inMemory();
        this.decisions = b.store != null ? b.store : DecisionStore.inMemory();
        this.budget = new DeskBudget(b.limits, b.clock, calls);
        this.ctx = new DeskRun.Context(
                b.model,
                b.provider,
                b.modelName,
                b.prices,
                b.agentTimeout,
                b.maxRetries,
                b.maxTokensOut,
                budget,
                b.cache ? Optional.of(calls) : Optional.empty(),
                executor,
                b.clock);
        this.label = "desk:" + b.provider + "/" + b.modelName;
        this.single = b.single != null
                ? b.single
                : LlmSignalGenerator.builder(b.model, b.provider, b.modelName)
                        .rules(b.rules)
                        .language(b.language)
                        .prices(b.prices)
                        .clock(b.clock)
                        .build();
        this.rules = b.fallbackRules != null
                ? b.fallbackRules
                : io.cryptogo.ai.RuleSignalGenerator.builder()
                        .rules(b.rules)
                        .clock(b.clock)
                        .build();
        this.validator = new SignalValidator(b.rules);
        this.language = b.language;
        this.news = b.news;
        this.risk = b.risk;
        this.accounts = b.accounts;
        this.debateRounds = b.debateRounds;
        this.workflow = workflow();
    }

    /** A desk on {@code model}; {@code provider} and {@code modelName} make the label and pick the price. */
    public static Builder builder(ChatModel model, String provider, String modelName) {
        return new Builder(model, provider, modelName);
    }

    @Override
    public String label() {
        return label;
    }

    /** The agent-call journal (the transcripts). */
    public AgentCallStore calls() {
        return calls;
    }

    /** The decision journal. */
    public DecisionStore decisions() {
        return decisions;
    }

    /** The spending limits and today's spend. */
    public DeskBudget budget() {
        return budget;
    }

    /** The agent calls of a stored decision, in order. */
    public List<AgentCall> transcript(Decision d) {
        return d.id().map(calls::transcript).orElse(List.of());
    }

    // ---- the workflow: code agents in langchain4j-agentic's sequence, parallel and loop ----

    private UntypedAgent workflow() {
        UntypedAgent analysts = AgenticServices.parallelBuilder()
                .subAgents(new TechnicalAgent(), new SentimentAgent())
                .executor(executor)
                .outputKey("analysts")
                .build();
        List<Object> steps = new ArrayList<>();
        steps.add(analysts);
        if (debateRounds > 0) {
            steps.add(AgenticServices.loopBuilder()
                    .subAgents(new ResearcherAgent(DeskRole.BULL), new ResearcherAgent(DeskRole.BEAR))
                    .maxIterations(debateRounds)
                    .outputKey("debate")
                    .build());
            steps.add(new ManagerAgent());
        }
        steps.add(new TraderAgent());
        return AgenticServices.sequenceBuilder()
                .subAgents(steps)
                .outputKey("trader")
                .build();
    }

    /** The technical analyst. */
    public final class TechnicalAgent {
        /** The technical analyst, bound to this desk. */
        public TechnicalAgent() {}

        @Agent(name = "technical", outputKey = "technical", description = "technical analyst")
        public String run(@V("run") DeskRun run) {
            var a = run.ask(
                    DeskRole.TECHNICAL,
                    0,
                    DeskPrompts.TECHNICAL_SYSTEM,
                    DeskPrompts.technicalUser(run.in, language),
                    DeskParsers::technical,
                    DeskParsers::json);
            run.technical = a.view();
            return a.error().orElse("ok");
        }
    }

    /** The sentiment analyst; with no news it makes no call. */
    public final class SentimentAgent {
        /** The sentiment analyst, bound to this desk. */
        public SentimentAgent() {}

        @Agent(name = "sentiment", outputKey = "sentiment", description = "sentiment analyst")
        public String run(@V("run") DeskRun run) {
            if (run.news.isEmpty()) {
                return "no news";
            }
            Set<String> ids = run.news.stream().map(NewsItem::id).collect(Collectors.toSet());
            var a = run.ask(
                    DeskRole.SENTIMENT,
                    0,
                    DeskPrompts.SENTIMENT_SYSTEM,
                    DeskPrompts.sentimentUser(run.in, run.news),
                    raw -> DeskParsers.sentiment(raw, ids),
                    DeskParsers::json);
            run.sentiment = a.view();
            return a.error().orElse("ok");
        }
    }

    /** A bull or bear researcher; one turn per loop iteration. */
    public final class ResearcherAgent {
        private final DeskRole role;

        ResearcherAgent(DeskRole role) {
            this.role = role;
        }

        @Agent(name = "researcher", outputKey = "debate", description = "bull or bear researcher")
        public String run(@V("run") DeskRun run) {
            if (run.technical.isEmpty()) {
                return "skipped";
            }
            int round;
            synchronized (run) {
                round = (role == DeskRole.BULL ? run.bull.size() : run.bear.size()) + 1;
            }
            Bias side = role == DeskRole.BULL ? Bias.BULLISH : Bias.BEARISH;
            var a = run.ask(
                    role,
                    round,
                    DeskPrompts.researcherSystem(role),
                    DeskPrompts.researcherUser(run, round),
                    raw -> DeskParsers.research(raw, Optional.of(side)),
                    DeskParsers::json);
            a.view().ifPresent(v -> {
                synchronized (run) {
                    (role == DeskRole.BULL ? run.bull : run.bear).add(v);
                }
            });
            return a.error().orElse("ok");
        }
    }

    /** The research manager. */
    public final class ManagerAgent {
        /** The research manager, bound to this desk. */
        public ManagerAgent() {}

        @Agent(name = "research_manager", outputKey = "research", description = "research manager")
        public String run(@V("run") DeskRun run) {
            synchronized (run) {
                if (run.bull.isEmpty() && run.bear.isEmpty()) {
                    return "no debate";
                }
            }
            var a = run.ask(
                    DeskRole.RESEARCH_MANAGER,
                    debateRounds,
                    DeskPrompts.MANAGER_SYSTEM,
                    DeskPrompts.managerUser(run),
                    raw -> DeskParsers.research(raw, Optional.empty()),
                    DeskParsers::json);
            run.research = a.view();
            return a.error().orElse("ok");
        }
    }

    /** The trader: the single generator's prompt and checks, plus the desk's views as data. */
    public final class TraderAgent {
        /** The trader, bound to this desk. */
        public TraderAgent() {}

        @Agent(name = "trader", outputKey = "trader", description = "trader")
        public String run(@V("run") DeskRun run) {
            if (run.technical.isEmpty()) {
                run.traderError = Optional.of("no technical view: the trader was not asked");
                return "skipped";
            }
            RenderedPrompt base = single.prompt(run.in);
            String system = DeskPrompts.role(DeskRole.TRADER) + base.system();
            String user = DeskPrompts.traderUser(base.user(), run);
            BigDecimal price = BigDecimal.valueOf(run.in.price()).round(PRICE_DIGITS);
            Instant now = run.startedAt.truncatedTo(ChronoUnit.MILLIS);
            var a = run.ask(
                    DeskRole.TRADER,
                    0,
                    system,
                    user,
                    raw -> {
                        ModelAnswer m = SignalParser.parse(raw);
                        List<String> complaints = validator.check(m, run.in.price(), run.in.atr());
                        if (!complaints.isEmpty()) {
                            throw new SignalParseException(String.join("; ", complaints));
                        }
                        return SignalValidator.toSignal(
                                m, run.in.symbol(), run.in.interval(), price, label, now, run.in.candleTime());
                    },
                    s -> DeskParsers.JSON
                            .createObjectNode()
                            .put("action", s.action().name())
                            .put("confidence", s.confidence())
                            .put("entry", s.entry().toPlainString())
                            .put(
                                    "stop_loss",
                                    s.stopLoss().map(BigDecimal::toPlainString).orElse(null))
                            .put(
                                    "take_profit",
                                    s.takeProfit()
                                            .map(BigDecimal::toPlainString)
                                            .orElse(null))
                            .put("reasoning", s.reasoning())
                            .toString());
            run.proposal = a.view();
            run.traderRaw = a.raw().orElse(null);
            run.traderPrompt = a.prompt();
            run.traderValidation = a.validation();
            run.traderError = a.error();
            return a.error().orElse("ok");
        }
    }

    // ---- deciding ----

    @Override
    public Decision decide(SignalInput in) {
        Instant decidedAt = ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<String> dayFull = budget.dayRefusal(1, BigDecimal.ZERO);
        if (dayFull.isPresent()) {
            return fallbackToRules(in, List.of(), "desk budget exhausted (" + dayFull.get() + ")");
        }
        List<NewsItem> items;
        try {
            items = news.news(in.asOf());
        } catch (RuntimeException e) {
            log.warn("news for {} unavailable: {}", in.symbol(), e.getMessage());
            items = List.of();
        }
        DeskRun run = new DeskRun(ctx, in, items);
        try {
            workflow.invoke(Map.of("run", run));
        } catch (RuntimeException e) {
            // the agents catch model faults; this is a bug of ours or of the workflow engine
            log.error("desk workflow for {} failed", in.symbol(), e);
            run.traderError = Optional.of("internal error: " + e);
        }
        if (run.exhausted().isPresent()) {
            return fallback(in, run, "desk budget exhausted (" + run.exhausted().get() + ")");
        }
        return finish(in, run, decidedAt);
    }

    private Decision finish(SignalInput in, DeskRun run, Instant decidedAt) {
        BigDecimal price = BigDecimal.valueOf(in.price()).round(PRICE_DIGITS);
        List<String> notes = new ArrayList<>();
        if (run.sentiment.isEmpty()) {
            notes.add(
                    run.news.isEmpty() ? "no news: technical view only" : "sentiment unavailable: technical view only");
        }
        if (debateRounds > 0 && run.research.isEmpty() && run.technical.isPresent()) {
            notes.add("no research summary (the debate failed)");
        }
        if (run.proposal.isEmpty()) {
            String why = run.technical.isEmpty()
                    ? "the technical analyst failed; no trade without a technical view"
                    : "the trader failed: " + run.traderError.orElse("no answer");
            TradeSignal s = TradeSignal.abstain(
                    in.symbol(), in.interval(), price, "abstained: " + why, label, decidedAt, in.candleTime());
            run.record(codeCall(run, DeskRole.RISK_CHECK, RiskCheck.veto("nothing to check: " + why)));
            return store(in, run, s, Optional.of(why));
        }
        TradeSignal proposal = run.proposal.get();
        TradeSignal s = proposal;
        Bias tech = run.technical.get().bias();
        if ((s.action() == Action.BUY && tech != Bias.BULLISH) || (s.action() == Action.SELL && tech != Bias.BEARISH)) {
            notes.add("trader's " + s.action() + " overruled: it needs a "
                    + (s.action() == Action.BUY ? "bullish" : "bearish")
                    + " technical view and the technical analyst is "
                    + tech.name().toLowerCase(Locale.ROOT)
                    + " (sentiment alone never triggers a trade)");
            s = hold(s, price);
        }
        RiskCheck check;
        if (s.action() == Action.HOLD) {
            check = new RiskCheck(true, "HOLD: nothing to check", BigDecimal.ZERO, BigDecimal.ZERO);
        } else {
            check = risk.check(s, accounts.account(in.symbol()));
        }
        run.record(codeCall(run, DeskRole.RISK_CHECK, check));
        if (!check.approved()) {
            notes.add("risk veto (final): " + check.reason());
            s = hold(s, price);
        } else if (s.action() != Action.HOLD) {
            TradeSignal checked = s;
            var a = run.ask(
                    DeskRole.RISK_COMMENTARY,
                    0,
                    DeskPrompts.RISK_SYSTEM,
                    DeskPrompts.riskUser(checked, check, run),
                    DeskParsers::riskCommentary,
                    DeskParsers::json);
            if (a.view().isPresent()) {
                RiskCommentary c = a.view().get();
                switch (c.verdict()) {
                    case HOLD -> {
                        notes.add("risk commentary turned the trade into a HOLD: " + c.comment());
                        s = hold(s, price);
                    }
                    case REDUCE -> {
                        double lowered = Math.min(s.confidence(), c.confidence().orElse(s.confidence()));
                        notes.add("risk commentary lowered the confidence to " + DeskPrompts.num(lowered) + ": "
                                + c.comment());
                        s = s.toBuilder().confidence(lowered).build();
                    }
                    case APPROVE -> {
                        if (c.confidence().isPresent() && c.confidence().get() < s.confidence()) {
                            s = s.toBuilder().confidence(c.confidence().get()).build();
                        }
                        notes.add("risk commentary approved: " + c.comment());
                    }
                }
            } else {
                notes.add("risk commentary unavailable (" + a.error().orElse("?") + "); the code check stands");
            }
            if (run.exhausted().isPresent()) {
                notes.add("budget reached during the risk commentary: "
                        + run.exhausted().get());
            }
            if (s.action() != Action.HOLD) {
                notes.add("size by the risk check: " + check.reason());
            }
        }
        String reasoning = proposal.reasoning() + (notes.isEmpty() ? "" : " | desk: " + String.join("; ", notes));
        s = s.toBuilder().reasoning(reasoning).generator(label).build();
        return store(in, run, s, run.traderError);
    }

    private TradeSignal hold(TradeSignal s, BigDecimal price) {
        return s.toBuilder()
                .action(Action.HOLD)
                .entry(price)
                .stopLoss(Optional.empty())
                .takeProfit(Optional.empty())
                .build();
    }

    private AgentCall codeCall(DeskRun run, DeskRole role, RiskCheck check) {
        return new AgentCall(
                role,
                0,
                "code",
                Optional.empty(),
                Optional.empty(),
                DeskParsers.json(check),
                AgentCall.Usage.none(ctx.clock().instant()),
                Optional.empty());
    }

    private Decision store(SignalInput in, DeskRun run, TradeSignal s, Optional<String> error) {
        List<AgentCall> made = run.calls();
        int tokensIn = made.stream().mapToInt(c -> c.usage().tokensIn()).sum();
        int tokensOut = made.stream().mapToInt(c -> c.usage().tokensOut()).sum();
        Optional<BigDecimal> cost =
                made.stream().anyMatch(c -> c.usage().costUsd().isEmpty())
                        ? Optional.empty()
                        : Optional.of(made.stream()
                                .map(c -> c.usage().costUsd().orElse(BigDecimal.ZERO))
                                .reduce(BigDecimal.ZERO, BigDecimal::add));
        boolean modelCalls = made.stream()
                .anyMatch(c -> c.prompt().isPresent() && c.rawAnswer().isPresent());
        boolean allCached = modelCalls
                && made.stream()
                        .filter(c -> c.prompt().isPresent() && c.rawAnswer().isPresent())
                        .allMatch(c -> c.usage().cached());
        Optional<String> prompt = Optional.ofNullable(run.traderPrompt);
        Decision d = new Decision(
                Optional.empty(),
                s,
                VERSION,
                prompt.map(RenderedPrompt::sha256),
                prompt,
                in.json(),
                Optional.ofNullable(run.traderRaw),
                run.traderValidation,
                run.retries.get(),
                tokensIn,
                tokensOut,
                Duration.between(run.startedAt, ctx.clock().instant()).isNegative()
                        ? Duration.ZERO
                        : Duration.between(run.startedAt, ctx.clock().instant()),
                cost,
                error,
                allCached,
                Optional.empty());
        return journal(d, made);
    }

    private Decision journal(Decision taken, List<AgentCall> made) {
        Decision d = taken.stamped(); // a backtest's origin, when a backtest runs the desk
        try {
            Decision saved = decisions.save(d);
            calls.save(saved.id().orElseThrow(), made);
            return saved;
        } catch (RuntimeException e) {
            log.error(
                    "the desk decision for {} at {} could not be journaled: {}",
                    d.symbol(),
                    d.signal().candleTime(),
                    e.getMessage(),
                    e);
            return d;
        }
    }

    /** The single LLM when the day's budget still allows its call, else the rules. */
    private Decision fallback(SignalInput in, DeskRun run, String why) {
        RenderedPrompt p = single.prompt(in);
        long est = p.text().length() / 4 + ctx.maxTokensOut();
        BigDecimal estCost = ctx.prices()
                .cost(ctx.provider(), ctx.modelName(), est, ctx.maxTokensOut())
                .orElse(BigDecimal.ZERO);
        Optional<String> day = budget.dayRefusal(est, estCost);
        if (day.isPresent()) {
            return fallbackToRules(in, run.calls(), why + "; " + day.get());
        }
        Decision d = single.decide(in);
        AgentCall call = new AgentCall(
                DeskRole.FALLBACK,
                0,
                d.generator(),
                d.prompt(),
                d.rawResponse(),
                d.signal().abstained() ? "{}" : "{\"action\":\"" + d.signal().action() + "\"}",
                new AgentCall.Usage(
                        d.tokensIn(),
                        d.tokensOut(),
                        d.costUsd(),
                        d.latency(),
                        d.cached(),
                        ctx.clock().instant()),
                d.error());
        budget.spend((long) d.tokensIn() + d.tokensOut(), d.costUsd().orElse(BigDecimal.ZERO));
        List<AgentCall> made = new ArrayList<>(run.calls());
        made.add(call);
        TradeSignal s = d.signal().toBuilder()
                .generator("desk->" + d.generator())
                .reasoning(why + "; single LLM: " + d.signal().reasoning())
                .build();
        BigDecimal deskCost = run.spent().costUsd();
        Decision out = new Decision(
                Optional.empty(),
                s,
                d.templateVersion(),
                d.promptHash(),
                d.prompt(),
                d.snapshot(),
                d.rawResponse(),
                d.validation(),
                d.retries(),
                d.tokensIn()
                        + run.calls().stream()
                                .mapToInt(c -> c.usage().tokensIn())
                                .sum(),
                d.tokensOut()
                        + run.calls().stream()
                                .mapToInt(c -> c.usage().tokensOut())
                                .sum(),
                d.latency(),
                d.costUsd().map(c -> c.add(deskCost)),
                d.error(),
                d.cached(),
                d.cacheKey());
        return journal(out, made);
    }

    private Decision fallbackToRules(SignalInput in, List<AgentCall> made, String why) {
        Decision d = rules.decide(in);
        TradeSignal s = d.signal().toBuilder()
                .generator("desk->" + d.generator())
                .reasoning(why + "; rules: " + d.signal().reasoning())
                .build();
        int ti = made.stream().mapToInt(c -> c.usage().tokensIn()).sum();
        int to = made.stream().mapToInt(c -> c.usage().tokensOut()).sum();
        BigDecimal cost = made.stream()
                .map(c -> c.usage().costUsd().orElse(BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Decision out = new Decision(
                Optional.empty(),
                s,
                d.templateVersion(),
                Optional.empty(),
                Optional.empty(),
                d.snapshot(),
                Optional.empty(),
                d.validation(),
                0,
                ti,
                to,
                d.latency(),
                Optional.of(cost),
                Optional.empty(),
                false,
                Optional.empty());
        return journal(out, made);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Builds a {@link TradingDesk}. */
    public static final class Builder {
        private final ChatModel model;
        private final String provider;
        private final String modelName;
        private PriceTable prices = PriceTable.DEFAULT;
        private ValidationRules rules = ValidationRules.DEFAULTS;
        private Locale language = Locale.ENGLISH;
        private NewsSource news = NewsSource.none();
        private DeskRisk risk = new DeskRiskRules(new BigDecimal("1000"), 10, new BigDecimal("0.02"));
        private DeskRisk.AccountSource accounts;
        private int debateRounds = 1;
        private Duration agentTimeout = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private int maxTokensOut = 1024;
        private boolean cache = true;
        private DeskBudget.Limits limits = DeskBudget.UNLIMITED;
        private DecisionStore store;
        private AgentCallStore calls;
        private LlmSignalGenerator single;
        private SignalGenerator fallbackRules;
        private Clock clock = Clock.systemUTC();

        private Builder(ChatModel model, String provider, String modelName) {
            this.model = Objects.requireNonNull(model, "model");
            this.provider = Objects.requireNonNull(provider, "provider");
            this.modelName = Objects.requireNonNull(modelName, "modelName");
        }

        public Builder prices(PriceTable p) {
            this.prices = Objects.requireNonNull(p, "prices");
            return this;
        }

        /** The validation rules of the trader's answer (the single generator's). */
        public Builder rules(ValidationRules r) {
            this.rules = Objects.requireNonNull(r, "rules");
            return this;
        }

        public Builder language(Locale l) {
            this.language = Objects.requireNonNull(l, "language");
            return this;
        }

        /** Where the sentiment analyst's news comes from (default: none, technical only). */
        public Builder news(NewsSource n) {
            this.news = Objects.requireNonNull(n, "news");
            return this;
        }

        /** The code risk check (default: {@link DeskRiskRules} with the default limits). */
        public Builder risk(DeskRisk r) {
            this.risk = Objects.requireNonNull(r, "risk");
            return this;
        }

        /** The account the risk check sees (default: flat, equity = the position limit). */
        public Builder accounts(DeskRisk.AccountSource a) {
            this.accounts = Objects.requireNonNull(a, "accounts");
            return this;
        }

        /** Bull/bear debate rounds, 0..5 (default 1; 0 = no debate and no research manager). */
        public Builder debateRounds(int n) {
            if (n < 0 || n > 5) {
                throw new ConfigException("DESK_DEBATE_ROUNDS", "DESK_DEBATE_ROUNDS must be within 0..5, got " + n);
            }
            this.debateRounds = n;
            return this;
        }

        /** The longest one agent may take for one model call (default 60 s). */
        public Builder agentTimeout(Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new ConfigException("DESK_AGENT_TIMEOUT", "DESK_AGENT_TIMEOUT must be positive, got " + d);
            }
            this.agentTimeout = d;
            return this;
        }

        /** Re-asks and retries per agent, 0..2 (default 2). */
        public Builder maxRetries(int n) {
            if (n < 0 || n > 2) {
                throw new ConfigException("AI_MAX_RETRIES", "AI_MAX_RETRIES must be within 0..2, got " + n);
            }
            this.maxRetries = n;
            return this;
        }

        /** The answer cap used in the budget's estimate (AI_MAX_TOKENS, default 1024). */
        public Builder maxTokensOut(int n) {
            this.maxTokensOut = n;
            return this;
        }

        /** Answer from the agent-call journal when an agent got the same prompt before (default true). */
        public Builder cache(boolean on) {
            this.cache = on;
            return this;
        }

        public Builder budget(DeskBudget.Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** The decision journal (default: in memory). */
        public Builder store(DecisionStore s) {
            this.store = s;
            return this;
        }

        /** The agent-call journal (default: in memory). */
        public Builder calls(AgentCallStore c) {
            this.calls = c;
            return this;
        }

        /** The single generator the desk falls back to and whose prompt the trader builds on. */
        public Builder single(LlmSignalGenerator g) {
            this.single = g;
            return this;
        }

        /** The rules the desk falls back to last. */
        public Builder fallbackRules(SignalGenerator g) {
            this.fallbackRules = g;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public TradingDesk build() {
            if (accounts == null) {
                BigDecimal equity = risk instanceof DeskRiskRules r ? r.maxPositionSize() : new BigDecimal("1000");
                accounts = DeskRisk.AccountSource.flat(equity);
            }
            return new TradingDesk(this);
        }
    }
}
