package io.cryptogo.examples.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the deployment files are checked by reading them: docker-compose.yml's
 * services, settings and health checks against docs/configuration.md, nginx's WebSocket upgrade, the
 * Dockerfile's stages, user and health check, and bin/cluster giving its app processes the same settings.
 */
@Timeout(20)
class ClusterTopologyTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws Exception {
        // SnakeYAML resolves the file's anchors and merge keys (<<: *app)
        return (Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws Exception {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    static Set<String> env(String service) throws Exception {
        return new TreeSet<>(((Map<String, Object>) service(service).get("environment")).keySet());
    }

    /** Every setting name in the first column of a table in docs/configuration.md. */
    static Set<String> documentedSettings() throws Exception {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)`")
                .matcher(Files.readString(ROOT.resolve("docs/configuration.md")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTimescaleRedisTwoAppsAndAProxyAllWithHealthChecks() throws Exception {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "redis", "app1", "app2", "proxy");
        assertThat((String) service("postgres").get("image")).startsWith("timescale/timescaledb");
        assertThat((String) service("redis").get("image")).startsWith("redis:");
        assertThat((String) service("proxy").get("image")).startsWith("nginx:");
        for (String s : services.keySet()) {
            Map<String, Object> hc = (Map<String, Object>) service(s).get("healthcheck");
            assertThat(hc).as(s + " healthcheck").isNotNull().containsKeys("test", "interval", "retries");
            assertThat((List<Object>) hc.get("test")).as(s).isNotEmpty();
        }
        for (String app : List.of("app1", "app2")) {
            assertThat((String) service(app).get("build")).isEqualTo(".");
            Map<String, Object> deps = (Map<String, Object>) service(app).get("depends_on");
            assertThat(deps).containsKeys("postgres", "redis");
            assertThat(((List<Object>) ((Map<String, Object>) service(app).get("healthcheck")).get("test")))
                    .anySatisfy(t -> assertThat(t.toString()).contains("/health"));
        }
        Map<String, Object> proxyDeps = (Map<String, Object>) service("proxy").get("depends_on");
        assertThat(proxyDeps).containsKeys("app1", "app2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAppsUseOnlyDocumentedSettingsAndShareTheDatabaseAndRedis() throws Exception {
        Set<String> documented = documentedSettings();
        for (String app : List.of("app1", "app2")) {
            Set<String> names = env(app);
            assertThat(names).contains("DATABASE_URL", "REDIS_URL", "CRYPTOGO_API_TOKEN", "PORT", "INSTANCE_ID");
            assertThat(documented).as("documented in docs/configuration.md").containsAll(names);
            Map<String, Object> e = (Map<String, Object>) service(app).get("environment");
            assertThat(e.get("DATABASE_URL").toString()).contains("@postgres:5432/");
            assertThat(e.get("REDIS_URL").toString()).isEqualTo("redis://redis:6379");
        }
        assertThat(env("app1")).isEqualTo(env("app2"));
        // one trader per account and database: app1 trades, app2 serves everything else
        assertThat(((Map<String, Object>) service("app1").get("environment")).get("TRADING_ENABLED"))
                .isEqualTo("true");
        assertThat(((Map<String, Object>) service("app2").get("environment")).get("TRADING_ENABLED"))
                .isEqualTo("false");
    }

    @Test
    void theTradingApiGoesToTheOneInstanceThatTrades() throws Exception {
        String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
        Matcher upstream =
                Pattern.compile("upstream cryptogo_trading \\{([^}]*)}").matcher(nginx);
        assertThat(upstream.find()).isTrue();
        assertThat(upstream.group(1)).contains("server app1:7070").doesNotContain("app2");
        Matcher location = Pattern.compile("location ~ (\\S+) \\{\\s*proxy_pass http://cryptogo_trading;")
                .matcher(nginx);
        assertThat(location.find()).isTrue();
        Pattern routes = Pattern.compile(location.group(1));
        for (String path : List.of(
                "/api/v1/orders",
                "/api/v1/orders/42",
                "/api/v1/fills",
                "/api/v1/positions",
                "/api/v1/proposals/7/approve",
                "/api/v1/account/equity",
                "/api/v1/grids",
                "/dashboard",
                "/history",
                "/grids")) {
            assertThat(routes.matcher(path).find()).as(path).isTrue();
        }
        for (String path : List.of("/api/v1/market/klines", "/trading", "/health", "/ws", "/api/v1/accounts")) {
            assertThat(routes.matcher(path).find()).as(path).isFalse();
        }
        String script = Files.readString(ROOT.resolve("bin/cluster"));
        assertThat(script)
                .contains("TRADING_ENABLED=\"${TRADING_ENABLED:-$([[ $i -eq 1 ]] && echo true || echo false)}\"");
    }

    @Test
    void binClusterGivesItsAppsTheSameSettingsAsCompose() throws Exception {
        String script = Files.readString(ROOT.resolve("bin/cluster"));
        int from = script.indexOf("env PORT=");
        int to = script.indexOf("\"$(java_bin)\"", from);
        assertThat(from).isPositive();
        assertThat(to).isGreaterThan(from);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("([A-Z][A-Z0-9_]+)=\"").matcher(script.substring(from, to));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).isEqualTo(env("app1"));
    }

    @Test
    void theProxyBalancesBothAppsAndUpgradesWebSockets() throws Exception {
        String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
        assertThat(nginx)
                .contains("server app1:7070")
                .contains("server app2:7070")
                .contains("location /ws")
                .contains("proxy_set_header Upgrade $http_upgrade")
                .contains("proxy_set_header Connection $connection_upgrade")
                .doesNotContain("ip_hash")
                .doesNotContain("least_conn");
        assertThat(service("proxy").get("volumes").toString()).contains("./deploy/nginx.conf:/etc/nginx/nginx.conf");
    }

    @Test
    void theDockerfileBuildsInOneStageAndRunsAsNonRootOnAJre25WithAHealthCheck() throws Exception {
        String df = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> froms = df.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains(" AS build");
        assertThat(froms.get(1)).isEqualTo("FROM eclipse-temurin:25-jre");
        assertThat(df).contains("COPY --from=build").containsPattern("(?m)^HEALTHCHECK .*\\n?.*/health");
        String user = df.lines()
                .filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(user).doesNotContain("root").doesNotContain(" 0");
        assertThat(df.indexOf("USER ")).isLessThan(df.indexOf("ENTRYPOINT"));
    }
}
