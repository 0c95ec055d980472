package io.cryptogo.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.collect.Series;
import io.cryptogo.collect.SeriesOwnership;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three instances on one PostgreSQL split six series by advisory locks; the survivors take a dead one's share. */
@Timeout(60)
class PgAdvisoryOwnershipTest {
    static final List<Series> ALL = List.of(
            Series.of("BTC/USDT", Interval.M1),
            Series.of("BTC/USDT", Interval.M5),
            Series.of("BTC/USDT", Interval.H1),
            Series.of("ETH/USDT", Interval.M1),
            Series.of("ETH/USDT", Interval.M5),
            Series.of("ETH/USDT", Interval.H1));

    TestDatabases.Handle pg;
    final List<Database> instances = new ArrayList<>();

    @BeforeEach
    void setUp() {
        pg = TestDatabases.postgres("series-ownership");
        instances.add(pg.database());
        for (int i = 0; i < 2; i++) {
            instances.add(Database.builder()
                    .url(TestDatabases.PG_URL)
                    .schema(pg.database().schema())
                    .poolSize(2)
                    .build());
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Database d : instances.subList(1, instances.size())) {
            d.close();
        }
        pg.close();
    }

    /** The collector's locks, keyed as {@link SeriesOwnership#forDatabase} keys them. */
    static PgAdvisoryOwnership<Series> collector(Database db) {
        return new PgAdvisoryOwnership<>(
                db, "collector", s -> s.symbol() + ":" + s.interval().code());
    }

    /** Claims in rounds (one per check period) until nobody changes what it owns. */
    static List<Set<Series>> settle(List<PgAdvisoryOwnership<Series>> os) {
        List<Set<Series>> last = null;
        for (int round = 0; round < 10; round++) {
            List<Set<Series>> now = new ArrayList<>();
            for (PgAdvisoryOwnership<Series> o : os) {
                now.add(o.claim(ALL));
            }
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    static void assertSplit(List<Set<Series>> owned, int each) {
        Set<Series> union = new HashSet<>();
        int total = 0;
        for (Set<Series> s : owned) {
            assertThat(s).hasSize(each);
            union.addAll(s);
            total += s.size();
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(total).as("no series owned twice").isEqualTo(ALL.size());
    }

    @Test
    void threeInstancesSplitSixSeriesAndTwoSurvivorsTakeOverTheDeadOnesShare() {
        PgAdvisoryOwnership<Series> a = collector(instances.get(0));
        PgAdvisoryOwnership<Series> b = collector(instances.get(1));
        PgAdvisoryOwnership<Series> c = collector(instances.get(2));
        try (a;
                b;
                c) {
            // the first instance alone takes everything
            assertThat(a.claim(ALL)).containsExactlyInAnyOrderElementsOf(ALL);
            assertSplit(settle(List.of(a, b, c)), 2);

            // c's session dies (kill -9): its locks go with it, the others take its series at their next claim
            Set<Series> orphaned = c.owned();
            terminate(c);
            c.close();
            List<Set<Series>> after = settle(List.of(a, b));
            assertSplit(after, 3);
            assertThat(new HashSet<>(after.get(0))).containsAnyElementsOf(orphaned);
        }
    }

    @Test
    void anInstanceThatClosesHandsItsSeriesOverAtOnce() {
        try (PgAdvisoryOwnership<Series> a = collector(instances.get(0));
                PgAdvisoryOwnership<Series> b = collector(instances.get(1))) {
            assertSplit(settle(List.of(a, b)), 3);
            a.close();
            assertThat(a.claim(ALL)).isEmpty();
            assertThat(b.claim(ALL)).containsExactlyInAnyOrderElementsOf(ALL);
        }
    }

    @Test
    void membersCountsTheLiveClaimersOfANameWithoutJoining() {
        Database asker = instances.get(2);
        assertThat(PgAdvisoryOwnership.members(asker, "traders")).isZero();
        try (PgAdvisoryOwnership<Series> a = new PgAdvisoryOwnership<>(instances.get(0), "traders", Series::toString);
                PgAdvisoryOwnership<Series> b =
                        new PgAdvisoryOwnership<>(instances.get(1), "traders", Series::toString)) {
            a.claim(List.of()); // an empty claim: a member owning nothing
            assertThat(PgAdvisoryOwnership.members(asker, "traders")).isEqualTo(1);
            b.claim(List.of());
            assertThat(PgAdvisoryOwnership.members(asker, "traders")).isEqualTo(2);
            assertThat(PgAdvisoryOwnership.members(asker, "collector")).isZero(); // another name
            a.close();
            assertThat(PgAdvisoryOwnership.members(asker, "traders")).isEqualTo(1);
        }
        assertThat(PgAdvisoryOwnership.members(asker, "traders")).isZero();
    }

    @Test
    void theCollectorsOwnershipOnPostgresqlIsTheAdvisoryLocksShare() {
        try (SeriesOwnership a = SeriesOwnership.forDatabase(instances.get(0));
                SeriesOwnership b = SeriesOwnership.forDatabase(instances.get(1))) {
            assertThat(a.claim(ALL)).containsExactlyInAnyOrderElementsOf(ALL);
            Set<Series> first = b.claim(ALL);
            assertThat(first)
                    .as("a holds every lock until it gives its surplus up")
                    .isEmpty();
            assertSplit(List.of(a.claim(ALL), b.claim(ALL)), 3);
        }
    }

    /** Ends the session holding {@code o}'s locks, as the death of its process would. */
    static void terminate(PgAdvisoryOwnership<?> o) {
        int pid = o.backendPid();
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
