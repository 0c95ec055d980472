package io.cryptogo.examples.grid;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.AppModule;
import io.cryptogo.examples.app.AppRegistry;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.grid.Grid;
import io.cryptogo.trading.grid.GridBook;
import io.cryptogo.trading.grid.GridSettings;
import io.cryptogo.trading.grid.GridStore;
import io.cryptogo.trading.grid.Spacing;
import io.cryptogo.trading.grid.jdbc.JdbcGridStore;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grid trading in the app: {@code POST /api/v1/grids} creates and starts a grid, {@code GET
 * /api/v1/grids} lists them, {@code GET /api/v1/grids/{id}} shows one with its levels and metrics, {@code
 * POST /api/v1/grids/{id}/stop} stops it (state-changing calls need the API token). Grids are stored in
 * the app's database and resumed at start. Pages: {@code /grids}, a card on the dashboard, and the level
 * lines on the chart. Needs the trading module registered first (it uses its {@link Trader}).
 */
public final class GridModule implements AppModule {
    private static final Logger log = LoggerFactory.getLogger(GridModule.class);
    private static final Set<String> FIELDS = Set.of(
            "symbol",
            "lower",
            "upper",
            "levels",
            "spacing",
            "investment",
            "trigger",
            "stopLoss",
            "takeProfit",
            "sellAllOnStop",
            "maxOpenOrders");

    private final Map<String, Grid> running = new ConcurrentHashMap<>();
    private final GridStore given;
    private Trader trader;
    private ApiToken token;
    private GridStore store;

    /** Grids stored in the app's database ({@code grids} table). */
    public GridModule() {
        this(null);
    }

    /** Grids kept in {@code store} (tests, embedding). */
    public GridModule(GridStore store) {
        this.given = store;
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public void register(AppRegistry app) {
        trader = app.service(Trader.class)
                .orElseThrow(() -> new IllegalStateException("the grid module needs the trading module first"));
        token = app.service(ApiToken.class).orElseThrow();
        store = given != null ? given : new JdbcGridStore(app.cryptoGo().database());
        for (GridStore.Stored s : store.list()) {
            if (!s.status().equals(GridBook.Status.STOPPED.name())) {
                try {
                    running.put(s.id(), Grid.resume(trader, store, s.id()));
                    log.info("grid {} resumed", s.id());
                } catch (RuntimeException e) {
                    log.warn("grid {} could not be resumed: {}", s.id(), e.getMessage());
                }
            }
        }
        app.closeOnStop(() -> running.values().forEach(Grid::close));

        var r = app.routes();
        r.post("/api/v1/grids", this::create);
        r.get("/api/v1/grids", ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (GridStore.Stored s : store.list()) {
                out.add(view(s, false));
            }
            ctx.json(out);
        });
        r.get("/api/v1/grids/{id}", ctx -> ctx.json(view(stored(ctx), true)));
        r.post("/api/v1/grids/{id}/stop", ctx -> {
            token.require(ctx);
            GridStore.Stored s = stored(ctx);
            Grid g = running.remove(s.id());
            if (g != null) {
                g.stop();
                g.close();
            }
            ctx.json(view(store.load(s.id()).orElseThrow(), true));
        });

        app.page("/grids", "Grids", "grids");
        app.nav("/grids", "Grids", 40);
        app.pageScript("/dashboard", "grid-card");
        app.pageScript("/trading", "grid-lines");
    }

    private void create(Context ctx) {
        token.require(ctx);
        GridSettings settings = settings(body(ctx));
        Grid g = Grid.on(trader).settings(settings).store(store).start();
        running.put(g.id(), g);
        ctx.status(201).json(view(store.load(g.id()).orElseThrow(), true));
    }

    /** Reads grid settings from a JSON body; each error names its field. */
    static GridSettings settings(JsonNode b) {
        if (b == null || !b.isObject()) {
            throw new InvalidRequestException("body", "the body must be a JSON object with the grid's settings");
        }
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidRequestException(
                        f,
                        "unknown field '" + cut(f) + "'; accepted: "
                                + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String symbol = text(b, "symbol")
                .orElseThrow(() -> new InvalidRequestException("symbol", "symbol is required, e.g. BTC/USDT"));
        GridSettings.Builder s;
        try {
            s = GridSettings.builder(Symbol.parse(symbol));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("symbol", "symbol must look like BTC/USDT, got '" + cut(symbol) + "'");
        }
        s.lower(decimal(b, "lower").orElse(null));
        s.upper(decimal(b, "upper").orElse(null));
        s.investment(decimal(b, "investment").orElse(null));
        decimal(b, "trigger").ifPresent(s::trigger);
        decimal(b, "stopLoss").ifPresent(s::stopLoss);
        decimal(b, "takeProfit").ifPresent(s::takeProfit);
        integer(b, "levels").ifPresent(s::levels);
        integer(b, "maxOpenOrders").ifPresent(s::maxOpenOrders);
        text(b, "spacing").ifPresent(v -> {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "arithmetic" -> s.spacing(Spacing.ARITHMETIC);
                case "geometric" -> s.spacing(Spacing.GEOMETRIC);
                default ->
                    throw new InvalidRequestException(
                            "spacing", "spacing must be arithmetic or geometric, got '" + cut(v) + "'");
            }
        });
        if (b.has("sellAllOnStop")) {
            JsonNode v = b.get("sellAllOnStop");
            if (!v.isBoolean()) {
                throw new InvalidRequestException("sellAllOnStop", "sellAllOnStop must be true or false");
            }
            s.sellAllOnStop(v.booleanValue());
        }
        return s.build();
    }

    private static Optional<String> text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException(field, field + " must be a string");
        }
        if (v.asText().isEmpty()) {
            throw new InvalidRequestException(field, field + " must not be empty");
        }
        return Optional.of(v.asText());
    }

    private static Optional<BigDecimal> decimal(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        String raw;
        if (v.isTextual()) {
            raw = v.asText().strip();
        } else if (v.isIntegralNumber() || v.isFloatingPointNumber()) {
            raw = v.isBigDecimal() ? v.decimalValue().toString() : v.asText();
        } else {
            throw new InvalidRequestException(field, field + " must be a decimal number like \"65000.5\"");
        }
        if (raw.length() > 40 || !raw.matches("[0-9]{1,30}(\\.[0-9]{1,18})?")) {
            throw new InvalidRequestException(
                    field, field + " must be a plain positive decimal like 65000.5, got '" + cut(raw) + "'");
        }
        return Optional.of(new BigDecimal(raw));
    }

    private static Optional<Integer> integer(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidRequestException(field, field + " must be a whole number");
        }
        return Optional.of(v.intValue());
    }

    private static String cut(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    private GridStore.Stored stored(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("[A-Za-z0-9]{1,10}")) {
            throw new InvalidRequestException("id", "a grid id is 1-10 letters or digits, got '" + cut(id) + "'");
        }
        return store.load(id).orElseThrow(() -> new NotFoundResponse("no grid with id " + id));
    }

    private Map<String, Object> view(GridStore.Stored s, boolean withLevels) {
        Grid live = running.get(s.id());
        GridBook book = GridBook.restore(s.state());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("symbol", book.settings().symbol().toString());
        m.put("status", (live != null ? live.status() : book.status()).name());
        m.put(
                "stopReason",
                (live != null ? live.stopReason() : book.stopReason())
                        .map(Enum::name)
                        .orElse(null));
        m.put("createdAt", s.createdAt().toEpochMilli());
        m.put("updatedAt", s.updatedAt().toEpochMilli());
        GridSettings gs = book.settings();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("lower", gs.lower());
        st.put("upper", gs.upper());
        st.put("levels", gs.grids());
        st.put("spacing", gs.spacing().name().toLowerCase(Locale.ROOT));
        st.put("investment", gs.investment());
        st.put("trigger", gs.trigger().orElse(null));
        st.put("stopLoss", gs.stopLoss().orElse(null));
        st.put("takeProfit", gs.takeProfit().orElse(null));
        st.put("sellAllOnStop", gs.sellAllOnStop());
        st.put("maxOpenOrders", gs.maxOpenOrders());
        m.put("settings", st);
        BigDecimal price = book.lastPrice().orElse(gs.lower());
        var metrics =
                live != null ? live.metrics() : book.metrics(price, Duration.between(s.createdAt(), s.updatedAt()));
        m.put("metrics", metrics);
        if (withLevels) {
            m.put("levels", live != null ? live.levels() : book.levels());
        }
        return m;
    }

    private static JsonNode body(Context ctx) {
        try {
            return Json.mapper().readTree(ctx.body());
        } catch (Exception e) {
            throw new InvalidRequestException("body", "the body is not valid JSON");
        }
    }
}
