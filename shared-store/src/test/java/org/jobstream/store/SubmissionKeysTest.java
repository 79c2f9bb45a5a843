package org.jobstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jobstream.api.IdempotencyKey;
import org.jobstream.commands.SubmissionKey;
import org.jobstream.events.JobStatus;
import org.jobstream.store.SubmissionKeys.Claim;
import org.jobstream.store.SubmissionKeys.Remembered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Submissions' idempotency keys on a real PostgreSQL, with the event store's migrations. */
class SubmissionKeysTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");
    private static final SubmissionKey ALICE_K1 = key("alice", "lhcb", "k1", "f1");

    private HikariDataSource pool;
    private JdbcClient jdbc;
    private SubmissionKeys keys;
    private TransactionTemplate transaction;

    @BeforeEach
    void freshDatabase() throws SQLException {
        pool = FreshStores.create("eventstore");
        jdbc = JdbcClient.create(pool);
        keys = new SubmissionKeys(jdbc, Duration.ofHours(24));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aClaimedKeyIsFoundWithItsAnswerOnceCommitted() {
        assertThat(claim(ALICE_K1, List.of(7L, 8L))).isEqualTo(Claim.CLAIMED);

        Remembered remembered = keys.find("alice", "lhcb", "k1").orElseThrow();
        assertThat(remembered).isEqualTo(new Remembered("f1", List.of(7L, 8L), JobStatus.RECEIVED, "Job accepted", T0));
    }

    @Test
    void aRolledBackClaimLeavesNoKey() {
        transaction.executeWithoutResult(status -> {
            assertThat(keys.claim(ALICE_K1, List.of(7L), JobStatus.RECEIVED, "Job accepted", T0)).isEqualTo(Claim.CLAIMED);
            status.setRollbackOnly();
        });

        assertThat(keys.find("alice", "lhcb", "k1")).isEmpty();
        assertThat(claim(ALICE_K1, List.of(9L))).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void aKeyClaimedAndCommittedIsTakenForTheNextClaim() {
        claim(ALICE_K1, List.of(7L));

        assertThat(claim(key("alice", "lhcb", "k1", "other request"), List.of(9L))).isEqualTo(Claim.TAKEN);
        assertThat(keys.find("alice", "lhcb", "k1").orElseThrow().jobIds()).containsExactly(7L);
    }

    @Test
    void aKeyBeingClaimedInAnotherTransactionIsInProgressWithoutWaiting() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Claim> first = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            Claim claim = keys.claim(ALICE_K1, List.of(7L), JobStatus.RECEIVED, "Job accepted", T0);
            claimed.countDown();
            await(release);
            return claim;
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(claim(ALICE_K1, List.of(9L))).isEqualTo(Claim.IN_PROGRESS);
        assertThat(keys.find("alice", "lhcb", "k1")).as("not committed yet").isEmpty();

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(Claim.CLAIMED);
        assertThat(claim(ALICE_K1, List.of(9L))).isEqualTo(Claim.TAKEN);
    }

    @Test
    void keysAreScopedToTheirOwnerAndVo() {
        claim(ALICE_K1, List.of(7L));

        assertThat(claim(key("bob", "lhcb", "k1", "f1"), List.of(8L))).isEqualTo(Claim.CLAIMED);
        assertThat(claim(key("alice", "gridpp", "k1", "f1"), List.of(9L))).isEqualTo(Claim.CLAIMED);
        assertThat(keys.find("bob", "lhcb", "k1").orElseThrow().jobIds()).containsExactly(8L);
        assertThat(keys.find("alice", "lhcb", "k1").orElseThrow().jobIds()).containsExactly(7L);
    }

    @Test
    void anExpiredKeyIsNotFoundIsReplacedByANewClaimAndIsForgotten() {
        claim(ALICE_K1, List.of(7L));
        claim(key("alice", "lhcb", "k2", "f2"), List.of(8L));
        jdbc.sql("UPDATE submission_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = 'k1'").update();

        assertThat(keys.find("alice", "lhcb", "k1")).isEmpty();
        assertThat(keys.forgetExpired()).isEqualTo(1);
        assertThat(keys.find("alice", "lhcb", "k2")).isPresent();

        jdbc.sql("UPDATE submission_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = 'k2'").update();
        assertThat(claim(key("alice", "lhcb", "k2", "f3"), List.of(10L))).as("expired, not yet deleted").isEqualTo(Claim.CLAIMED);
        assertThat(keys.find("alice", "lhcb", "k2").orElseThrow().jobIds()).containsExactly(10L);
    }

    @Test
    void aClaimOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> keys.claim(ALICE_K1, List.of(7L), JobStatus.RECEIVED, "Job accepted", T0))
                .isInstanceOf(IllegalStateException.class);
        assertThat(keys.find("alice", "lhcb", "k1")).isEmpty();
    }

    @Test
    void theLockOfAKeyIsTheSameEverywhereAndSeparatesItsParts() {
        assertThat(SubmissionKeys.lockOf(ALICE_K1)).isEqualTo(SubmissionKeys.lockOf(key("alice", "lhcb", "k1", "other")));
        assertThat(SubmissionKeys.lockOf(key("alicel", "hcb", "k1", "f1"))).isNotEqualTo(SubmissionKeys.lockOf(ALICE_K1));
    }

    private Claim claim(SubmissionKey key, List<Long> jobIds) {
        return transaction.execute(status -> keys.claim(key, jobIds, JobStatus.RECEIVED, "Job accepted", T0));
    }

    private static SubmissionKey key(String owner, String vo, String key, String fingerprint) {
        return new SubmissionKey(owner, vo, new IdempotencyKey(key), fingerprint);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
