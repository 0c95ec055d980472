package io.cryptogo.trading.grid;

import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine-free core of a grid: the levels' state machines, which orders should rest, and the grid's
 * books (quote, base, fees, profit). It never talks to a venue: each method returns the {@link
 * GridAction}s to carry out, and the runner reports back what happened ({@link #onFill}, {@link
 * #onClosed}). The same book therefore runs live, on paper and in a backtest.
 *
 * <p>Rules: a level buys only below the current price (a limit buy above it would fill at once); its sell
 * rests one step above its buy and sells what the buy brought in (after a fee taken in the base asset,
 * rounded down to the step size). At most {@link GridSettings#maxOpenOrders()} orders rest, those nearest
 * the price first; a resting order pushed out by a nearer one is cancelled. A rejected order pauses its
 * level with the reason. Levels above the start price wait until the price comes down to them (there is
 * no initial market buy). Client order ids are unique per attempt: {@code g<id>-<level>-<attempt><b|s>}.
 *
 * <p>Not thread-safe: one runner drives one book.
 */
public final class GridBook {
    private static final MathContext MC = new MathContext(34, RoundingMode.HALF_EVEN);

    /** Where the grid as a whole stands. */
    public enum Status {
        /** Waiting for the price to cross the trigger. */
        WAITING,
        RUNNING,
        STOPPED
    }

    /** Why a grid stopped. */
    public enum StopReason {
        STOP_LOSS,
        TAKE_PROFIT,
        MANUAL
    }

    private final String gridId;
    private final GridSettings settings;
    private final BigDecimal stepSize;
    private final List<Level> levels;
    private Status status;
    private Optional<StopReason> stopReason = Optional.empty();
    private BigDecimal firstPrice;
    private BigDecimal lastPrice;
    private BigDecimal quote;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal gridProfit = BigDecimal.ZERO;
    private int matchedPairs;
    private int sellAllSeq;

    private record Ref(int level, Side side) {}

    private static final class Level {
        final LevelPlan plan;
        LevelState state = LevelState.NOT_ACTIVE;
        int attempt;
        String openId;
        Side openSide;
        BigDecimal openQty = BigDecimal.ZERO;
        BigDecimal openFilled = BigDecimal.ZERO;
        BigDecimal baseHeld = BigDecimal.ZERO;
        BigDecimal cycleCost = BigDecimal.ZERO;
        BigDecimal cycleBase = BigDecimal.ZERO;
        BigDecimal cycleSold = BigDecimal.ZERO;
        BigDecimal cycleProceeds = BigDecimal.ZERO;
        int pairs;
        BigDecimal profit = BigDecimal.ZERO;
        String pausedReason;

        Level(LevelPlan plan) {
            this.plan = plan;
        }
    }

    /**
     * A new book.
     *
     * @param gridId short id used in client order ids (1-10 characters of letters and digits)
     * @param stepSize the symbol's step size (sell quantities round down to it)
     */
    public GridBook(String gridId, GridSettings settings, List<LevelPlan> plan, BigDecimal stepSize) {
        Objects.requireNonNull(gridId, "gridId");
        if (!gridId.matches("[A-Za-z0-9]{1,10}")) {
            throw new IllegalArgumentException("gridId must be 1-10 letters or digits, got '" + gridId + "'");
        }
        this.gridId = gridId;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stepSize = Objects.requireNonNull(stepSize, "stepSize");
        if (plan.size() != settings.grids()) {
            throw new IllegalArgumentException(
                    "plan has " + plan.size() + " levels for " + settings.grids() + " grids");
        }
        this.levels = plan.stream().map(Level::new).toList();
        this.quote = settings.investment();
        this.status = settings.trigger().isPresent() ? Status.WAITING : Status.RUNNING;
    }

    public String gridId() {
        return gridId;
    }

    public GridSettings settings() {
        return settings;
    }

    public Status status() {
        return status;
    }

    public Optional<StopReason> stopReason() {
        return stopReason;
    }

    /** The last price the book saw. */
    public Optional<BigDecimal> lastPrice() {
        return Optional.ofNullable(lastPrice);
    }

    /** Whether a client order id belongs to this grid. */
    public boolean owns(String clientOrderId) {
        return ref(clientOrderId) != null || clientOrderId.startsWith(sellAllPrefix());
    }

    /** What the grid has counted as filled of its open order {@code clientOrderId} (0 when not open). */
    public BigDecimal filledOf(String clientOrderId) {
        for (Level l : levels) {
            if (clientOrderId.equals(l.openId)) {
                return l.openFilled;
            }
        }
        return BigDecimal.ZERO;
    }

    /** The level and side encoded in one of this grid's client order ids, or null for another id. */
    private Ref ref(String clientOrderId) {
        String prefix = "g" + gridId + "-";
        if (!clientOrderId.startsWith(prefix)) {
            return null;
        }
        String rest = clientOrderId.substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0 || rest.length() < dash + 3) {
            return null;
        }
        char side = rest.charAt(rest.length() - 1);
        try {
            int level = Integer.parseInt(rest.substring(0, dash));
            Integer.parseInt(rest.substring(dash + 1, rest.length() - 1));
            if (level < 0 || level >= levels.size() || (side != 'b' && side != 's')) {
                return null;
            }
            return new Ref(level, side == 'b' ? Side.BUY : Side.SELL);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The client order ids resting now, per level. */
    public Map<Integer, String> openOrders() {
        Map<Integer, String> out = new HashMap<>();
        for (Level l : levels) {
            if (l.openId != null) {
                out.put(l.plan.index(), l.openId);
            }
        }
        return out;
    }

    /** A new price: fires the trigger, the stop loss or take profit, and rebalances the resting orders. */
    public List<GridAction> onPrice(BigDecimal price) {
        Objects.requireNonNull(price, "price");
        lastPrice = price;
        if (status == Status.STOPPED) {
            return List.of();
        }
        if (status == Status.WAITING) {
            BigDecimal t = settings.trigger().orElseThrow();
            if (firstPrice == null) {
                firstPrice = price;
            }
            boolean crossed = price.compareTo(t) == 0
                    || (firstPrice.compareTo(t) < 0 && price.compareTo(t) >= 0)
                    || (firstPrice.compareTo(t) > 0 && price.compareTo(t) <= 0);
            if (!crossed) {
                return List.of();
            }
            status = Status.RUNNING;
        }
        if (settings.stopLoss().isPresent()
                && price.compareTo(settings.stopLoss().get()) <= 0) {
            return stop(StopReason.STOP_LOSS);
        }
        if (settings.takeProfit().isPresent()
                && price.compareTo(settings.takeProfit().get()) >= 0) {
            return stop(StopReason.TAKE_PROFIT);
        }
        return rebalance(price);
    }

    /**
     * A fill of one of the grid's orders (the part filled now, not the cumulative amount).
     *
     * @param feeInQuote the fee when charged in the quote asset (or another asset's fee valued in quote)
     * @param feeInBase the fee when charged in the base asset (it reduces the base received)
     */
    public List<GridAction> onFill(
            String clientOrderId, BigDecimal quantity, BigDecimal price, BigDecimal feeInQuote, BigDecimal feeInBase) {
        if (clientOrderId.startsWith(sellAllPrefix())) {
            onSellAllFill(quantity, price, feeInQuote);
            return List.of();
        }
        Ref ref = ref(clientOrderId);
        if (ref == null || quantity.signum() <= 0) {
            return List.of();
        }
        Level l = levels.get(ref.level());
        BigDecimal notional = quantity.multiply(price);
        fees = fees.add(feeInQuote).add(feeInBase.multiply(price));
        boolean current = clientOrderId.equals(l.openId);
        if (ref.side() == Side.BUY) {
            BigDecimal received = quantity.subtract(feeInBase);
            quote = quote.subtract(notional).subtract(feeInQuote);
            l.baseHeld = l.baseHeld.add(received);
            l.cycleBase = l.cycleBase.add(received);
            l.cycleCost = l.cycleCost.add(notional).add(feeInQuote);
            if (current) {
                l.openFilled = l.openFilled.add(quantity);
                if (l.openFilled.compareTo(l.openQty) >= 0) {
                    l.openId = null;
                    l.state = LevelState.BUY_FILLED;
                }
            } else if (l.state == LevelState.NOT_ACTIVE || l.state == LevelState.COMPLETE) {
                l.state = LevelState.BUY_FILLED;
            }
        } else {
            quote = quote.add(notional).subtract(feeInQuote);
            l.baseHeld = l.baseHeld.subtract(quantity).subtract(feeInBase);
            l.cycleSold = l.cycleSold.add(quantity).add(feeInBase);
            l.cycleProceeds = l.cycleProceeds.add(notional).subtract(feeInQuote);
            if (current) {
                l.openFilled = l.openFilled.add(quantity);
                if (l.openFilled.compareTo(l.openQty) >= 0) {
                    l.openId = null;
                    complete(l);
                }
            } else if (floorStep(l.baseHeld).signum() == 0 && l.state == LevelState.BUY_FILLED) {
                complete(l);
            }
        }
        return lastPrice == null || status != Status.RUNNING ? List.of() : rebalance(lastPrice);
    }

    /**
     * An order of the grid ended without filling completely: {@code rejected} pauses its level with the
     * reason; a cancel or expiry the grid did not ask for puts the level back to wait for a slot.
     */
    public List<GridAction> onClosed(String clientOrderId, boolean rejected, String reason) {
        Ref ref = ref(clientOrderId);
        if (ref == null) {
            return List.of();
        }
        Level l = levels.get(ref.level());
        if (!clientOrderId.equals(l.openId)) {
            return List.of();
        }
        l.openId = null;
        if (rejected) {
            l.state = LevelState.PAUSED;
            l.pausedReason = reason == null || reason.isBlank() ? "rejected" : reason;
            return List.of();
        }
        l.state = l.baseHeld.signum() > 0 ? LevelState.BUY_FILLED : LevelState.NOT_ACTIVE;
        return lastPrice == null || status != Status.RUNNING ? List.of() : rebalance(lastPrice);
    }

    /** Lets a paused level trade again. */
    public List<GridAction> resume(int level) {
        Level l = levels.get(level);
        if (l.state == LevelState.PAUSED) {
            l.pausedReason = null;
            l.state = floorStep(l.baseHeld).signum() > 0 ? LevelState.BUY_FILLED : LevelState.NOT_ACTIVE;
        }
        return lastPrice == null || status != Status.RUNNING ? List.of() : rebalance(lastPrice);
    }

    /**
     * Stops the grid: cancels every resting order and, when {@link GridSettings#sellAllOnStop()}, sells the
     * base it holds at market.
     */
    public List<GridAction> stop(StopReason reason) {
        if (status == Status.STOPPED) {
            return List.of();
        }
        status = Status.STOPPED;
        stopReason = Optional.of(reason);
        List<GridAction> out = new ArrayList<>();
        for (Level l : levels) {
            if (l.openId != null) {
                out.add(new GridAction.Cancel(l.plan.index(), l.openId));
                l.openId = null;
                if (l.state != LevelState.PAUSED) {
                    l.state = l.baseHeld.signum() > 0 ? LevelState.BUY_FILLED : LevelState.NOT_ACTIVE;
                }
            }
        }
        if (settings.sellAllOnStop()) {
            BigDecimal base = floorStep(baseHeld());
            if (base.signum() > 0) {
                out.add(new GridAction.SellAll(base, sellAllPrefix() + (++sellAllSeq)));
            }
        }
        return out;
    }

    /** The base asset the grid holds. */
    public BigDecimal baseHeld() {
        BigDecimal b = BigDecimal.ZERO;
        for (Level l : levels) {
            b = b.add(l.baseHeld);
        }
        return b;
    }

    /** The quote asset the grid holds (free or reserved in its open buys). */
    public BigDecimal quote() {
        return quote;
    }

    /** The levels as they stand, lowest first. */
    public List<LevelView> levels() {
        return levels.stream()
                .map(l -> new LevelView(
                        l.plan,
                        l.state,
                        Optional.ofNullable(l.openId),
                        l.baseHeld,
                        l.pairs,
                        l.profit,
                        Optional.ofNullable(l.pausedReason)))
                .toList();
    }

    /** Profit, PnL and fees at a price, with the APR over {@code running}. */
    public GridMetrics metrics(BigDecimal price, Duration running) {
        BigDecimal base = baseHeld();
        BigDecimal total = quote.add(base.multiply(price)).subtract(settings.investment());
        BigDecimal floating = total.subtract(gridProfit);
        Optional<BigDecimal> breakEven = base.signum() > 0
                ? Optional.of(settings.investment().subtract(quote).divide(base, MC))
                : Optional.empty();
        double years = running.toMillis() / (365.0 * 24 * 3600 * 1000);
        double apr =
                years > 0 ? gridProfit.doubleValue() / settings.investment().doubleValue() / years : 0.0;
        return new GridMetrics(gridProfit, floating, total, matchedPairs, fees, base, breakEven, apr);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The book's whole state as JSON, for {@link GridStore}; {@link #restore} reads it back. */
    public String toJson() {
        var root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("gridId", gridId);
        root.put("symbol", settings.symbol().toString());
        root.put("lower", settings.lower().toPlainString());
        root.put("upper", settings.upper().toPlainString());
        root.put("grids", settings.grids());
        root.put("spacing", settings.spacing().name());
        root.put("investment", settings.investment().toPlainString());
        settings.trigger().ifPresent(v -> root.put("trigger", v.toPlainString()));
        settings.stopLoss().ifPresent(v -> root.put("stopLoss", v.toPlainString()));
        settings.takeProfit().ifPresent(v -> root.put("takeProfit", v.toPlainString()));
        root.put("sellAllOnStop", settings.sellAllOnStop());
        root.put("maxOpenOrders", settings.maxOpenOrders());
        root.put("stepSize", stepSize.toPlainString());
        root.put("status", status.name());
        stopReason.ifPresent(r -> root.put("stopReason", r.name()));
        if (firstPrice != null) {
            root.put("firstPrice", firstPrice.toPlainString());
        }
        if (lastPrice != null) {
            root.put("lastPrice", lastPrice.toPlainString());
        }
        root.put("quote", quote.toPlainString());
        root.put("fees", fees.toPlainString());
        root.put("gridProfit", gridProfit.toPlainString());
        root.put("matchedPairs", matchedPairs);
        root.put("sellAllSeq", sellAllSeq);
        var arr = root.putArray("levels");
        for (Level l : levels) {
            var n = arr.addObject();
            n.put("buy", l.plan.buyPrice().toPlainString());
            n.put("sell", l.plan.sellPrice().toPlainString());
            n.put("qty", l.plan.quantity().toPlainString());
            n.put("state", l.state.name());
            n.put("attempt", l.attempt);
            if (l.openId != null) {
                n.put("openId", l.openId);
                n.put("openSide", l.openSide.name());
                n.put("openQty", l.openQty.toPlainString());
                n.put("openFilled", l.openFilled.toPlainString());
            }
            n.put("baseHeld", l.baseHeld.toPlainString());
            n.put("cycleCost", l.cycleCost.toPlainString());
            n.put("cycleBase", l.cycleBase.toPlainString());
            n.put("cycleSold", l.cycleSold.toPlainString());
            n.put("cycleProceeds", l.cycleProceeds.toPlainString());
            n.put("pairs", l.pairs);
            n.put("profit", l.profit.toPlainString());
            if (l.pausedReason != null) {
                n.put("pausedReason", l.pausedReason);
            }
        }
        return root.toString();
    }

    /** A book from {@link #toJson()}. */
    public static GridBook restore(String json) {
        com.fasterxml.jackson.databind.JsonNode r;
        try {
            r = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new io.cryptogo.error.CryptoGoException(
                    "stored grid state is not readable JSON: " + e.getMessage(), e);
        }
        GridSettings.Builder b = GridSettings.builder(r.get("symbol").asText())
                .lower(new BigDecimal(r.get("lower").asText()))
                .upper(new BigDecimal(r.get("upper").asText()))
                .levels(r.get("grids").asInt())
                .spacing(Spacing.valueOf(r.get("spacing").asText()))
                .investment(new BigDecimal(r.get("investment").asText()))
                .sellAllOnStop(r.get("sellAllOnStop").asBoolean())
                .maxOpenOrders(r.get("maxOpenOrders").asInt());
        if (r.has("trigger")) {
            b.trigger(new BigDecimal(r.get("trigger").asText()));
        }
        if (r.has("stopLoss")) {
            b.stopLoss(new BigDecimal(r.get("stopLoss").asText()));
        }
        if (r.has("takeProfit")) {
            b.takeProfit(new BigDecimal(r.get("takeProfit").asText()));
        }
        GridSettings gs = b.build();
        List<LevelPlan> plan = new ArrayList<>();
        var ls = r.get("levels");
        for (int i = 0; i < ls.size(); i++) {
            var n = ls.get(i);
            plan.add(new LevelPlan(
                    i,
                    new BigDecimal(n.get("buy").asText()),
                    new BigDecimal(n.get("sell").asText()),
                    new BigDecimal(n.get("qty").asText())));
        }
        GridBook book = new GridBook(
                r.get("gridId").asText(),
                gs,
                plan,
                new BigDecimal(r.get("stepSize").asText()));
        book.status = Status.valueOf(r.get("status").asText());
        book.stopReason = r.has("stopReason")
                ? Optional.of(StopReason.valueOf(r.get("stopReason").asText()))
                : Optional.empty();
        book.firstPrice =
                r.has("firstPrice") ? new BigDecimal(r.get("firstPrice").asText()) : null;
        book.lastPrice = r.has("lastPrice") ? new BigDecimal(r.get("lastPrice").asText()) : null;
        book.quote = new BigDecimal(r.get("quote").asText());
        book.fees = new BigDecimal(r.get("fees").asText());
        book.gridProfit = new BigDecimal(r.get("gridProfit").asText());
        book.matchedPairs = r.get("matchedPairs").asInt();
        book.sellAllSeq = r.get("sellAllSeq").asInt();
        for (int i = 0; i < ls.size(); i++) {
            var n = ls.get(i);
            Level l = book.levels.get(i);
            l.state = LevelState.valueOf(n.get("state").asText());
            l.attempt = n.get("attempt").asInt();
            if (n.has("openId")) {
                l.openId = n.get("openId").asText();
                l.openSide = Side.valueOf(n.get("openSide").asText());
                l.openQty = new BigDecimal(n.get("openQty").asText());
                l.openFilled = new BigDecimal(n.get("openFilled").asText());
            }
            l.baseHeld = new BigDecimal(n.get("baseHeld").asText());
            l.cycleCost = new BigDecimal(n.get("cycleCost").asText());
            l.cycleBase = new BigDecimal(n.get("cycleBase").asText());
            l.cycleSold = new BigDecimal(n.get("cycleSold").asText());
            l.cycleProceeds = new BigDecimal(n.get("cycleProceeds").asText());
            l.pairs = n.get("pairs").asInt();
            l.profit = new BigDecimal(n.get("profit").asText());
            l.pausedReason = n.has("pausedReason") ? n.get("pausedReason").asText() : null;
        }
        return book;
    }

    private void complete(Level l) {
        BigDecimal costOfSold =
                l.cycleBase.signum() > 0 ? l.cycleCost.multiply(l.cycleSold).divide(l.cycleBase, MC) : l.cycleCost;
        BigDecimal pairProfit = l.cycleProceeds.subtract(costOfSold);
        l.profit = l.profit.add(pairProfit);
        gridProfit = gridProfit.add(pairProfit);
        l.pairs++;
        matchedPairs++;
        // dust below the step size stays with the level and is sold with its next cycle
        l.cycleCost = l.cycleCost.subtract(costOfSold);
        l.cycleBase = l.baseHeld;
        l.cycleSold = BigDecimal.ZERO;
        l.cycleProceeds = BigDecimal.ZERO;
        l.state = LevelState.COMPLETE;
    }

    private void onSellAllFill(BigDecimal quantity, BigDecimal price, BigDecimal feeInQuote) {
        quote = quote.add(quantity.multiply(price)).subtract(feeInQuote);
        fees = fees.add(feeInQuote);
        BigDecimal left = quantity;
        for (Level l : levels) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = l.baseHeld.min(left);
            l.baseHeld = l.baseHeld.subtract(take);
            left = left.subtract(take);
            if (l.baseHeld.signum() == 0) {
                l.cycleBase = BigDecimal.ZERO;
                l.cycleCost = BigDecimal.ZERO;
                if (l.state == LevelState.BUY_FILLED) {
                    l.state = LevelState.NOT_ACTIVE;
                }
            }
        }
    }

    private record Candidate(Level level, Side side, BigDecimal price, BigDecimal distance, boolean placed) {}

    private List<GridAction> rebalance(BigDecimal price) {
        List<Candidate> candidates = new ArrayList<>();
        for (Level l : levels) {
            switch (l.state) {
                case NOT_ACTIVE, COMPLETE -> {
                    if (l.plan.buyPrice().compareTo(price) < 0) {
                        candidates.add(new Candidate(
                                l, Side.BUY, l.plan.buyPrice(), price.subtract(l.plan.buyPrice()), false));
                    }
                }
                case BUY_PLACED ->
                    candidates.add(new Candidate(
                            l,
                            Side.BUY,
                            l.plan.buyPrice(),
                            price.subtract(l.plan.buyPrice()).abs(),
                            true));
                case BUY_FILLED -> {
                    if (floorStep(l.baseHeld).signum() > 0) {
                        candidates.add(new Candidate(
                                l,
                                Side.SELL,
                                l.plan.sellPrice(),
                                l.plan.sellPrice().subtract(price).abs(),
                                false));
                    }
                }
                case SELL_PLACED ->
                    candidates.add(new Candidate(
                            l,
                            Side.SELL,
                            l.plan.sellPrice(),
                            l.plan.sellPrice().subtract(price).abs(),
                            true));
                case PAUSED -> {}
            }
        }
        candidates.sort(Comparator.comparing(Candidate::distance)
                .thenComparing(c -> c.level().plan.index()));
        int slots = settings.maxOpenOrders();
        List<GridAction> cancels = new ArrayList<>();
        List<GridAction> places = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Level l = c.level();
            boolean wanted = i < slots;
            if (c.placed() && !wanted) {
                cancels.add(new GridAction.Cancel(l.plan.index(), l.openId));
                l.openId = null;
                if (c.side() == Side.BUY) {
                    l.state = l.baseHeld.signum() > 0 ? LevelState.BUY_FILLED : LevelState.NOT_ACTIVE;
                } else {
                    l.state = LevelState.BUY_FILLED;
                }
            } else if (!c.placed() && wanted) {
                BigDecimal qty = c.side() == Side.BUY ? l.plan.quantity() : floorStep(l.baseHeld);
                String id =
                        "g" + gridId + "-" + l.plan.index() + "-" + (++l.attempt) + (c.side() == Side.BUY ? "b" : "s");
                l.openId = id;
                l.openSide = c.side();
                l.openQty = qty;
                l.openFilled = BigDecimal.ZERO;
                l.state = c.side() == Side.BUY ? LevelState.BUY_PLACED : LevelState.SELL_PLACED;
                places.add(new GridAction.Place(l.plan.index(), c.side(), qty, c.price(), id));
            }
        }
        cancels.addAll(places);
        return cancels;
    }

    private String sellAllPrefix() {
        return "g" + gridId + "-all-";
    }

    private BigDecimal floorStep(BigDecimal q) {
        if (q.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return q.divide(stepSize, 0, RoundingMode.FLOOR).multiply(stepSize);
    }
}
