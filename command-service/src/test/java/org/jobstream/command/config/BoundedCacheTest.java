package org.jobstream.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    private static BoundedCache countOnly(int capacity) {
        return new BoundedCache(capacity, Long.MAX_VALUE, value -> 1);
    }

    @Test
    void dropsTheLeastRecentlyUsedEntriesBeyondItsWeight() {
        BoundedCache cache = new BoundedCache(100, 10, value -> ((String) value).length());
        cache.put("a", "xxxx");
        cache.put("b", "xxxx");
        assertThat(cache.weight()).isEqualTo(8);
        cache.put("c", "xxxx");
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.weight()).isEqualTo(8);
        cache.put("b", "x");
        assertThat(cache.weight()).isEqualTo(5);
        cache.remove("c");
        assertThat(cache.weight()).isEqualTo(1);
        cache.put("huge", "x".repeat(50));
        assertThat(cache.size()).as("one entry heavier than the bound is not kept").isZero();
        assertThat(cache.weight()).isZero();
    }

    @Test
    void aCachedJobWeighsItsJdl() {
        org.jobstream.command.job.Job job = org.jobstream.command.job.JobTestSupport.submitted("x".repeat(100_000));
        assertThat(job.approximateBytes()).isGreaterThan(200_000);
    }

    @Test
    void dropsTheLeastRecentlyUsedEntryBeyondItsCapacity() {
        BoundedCache cache = countOnly(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1); // a is now the most recently used
        cache.put("c", 3);
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void keepsItsEntriesStronglyThroughGarbageCollections() {
        BoundedCache cache = countOnly(10);
        cache.put("job", new Object());
        System.gc();
        assertThat(cache.<String, Object>get("job")).isNotNull();
    }

    @Test
    void tellsItsListenersWhatHappened() {
        BoundedCache cache = countOnly(1);
        List<String> seen = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                seen.add("expired " + key);
            }
        });
        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);
        cache.removeAll();
        assertThat(seen).containsExactly("created a", "updated a", "expired a", "created b", "removed b");
    }

    @Test
    void computesOnlyWhatIsMissingAndUpdatesOnlyWhatIsPresent() {
        BoundedCache cache = countOnly(10);
        assertThat(cache.<Integer>computeIfAbsent("a", () -> 1)).isEqualTo(1);
        assertThat(cache.<Integer>computeIfAbsent("a", () -> 2)).isEqualTo(1);
        cache.<Integer>computeIfPresent("a", v -> v + 10);
        cache.<Integer>computeIfPresent("b", v -> v + 10);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(11);
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.putIfAbsent("a", 5)).isFalse();
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
    }
}
