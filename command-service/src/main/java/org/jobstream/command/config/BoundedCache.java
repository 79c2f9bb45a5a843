package org.jobstream.command.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An aggregate cache bounded by count and by memory: it holds at most {@code capacity} entries
 * weighing at most {@code maxWeight} bytes together (as {@code weigher} estimates them), dropping
 * the least recently used. Loaded jobs stay in memory while they are in use (a pilot's heartbeats,
 * a run of status updates), so that a job with a long history is not replayed from the event store
 * for each command, while a few jobs with large JDLs cannot fill the heap. (Axon's weak-reference
 * cache loses its entries at every garbage collection, which under load is every few hundred
 * milliseconds.)
 */
final class BoundedCache implements Cache {

    private final Map<Object, Object> entries;
    private final Map<Object, Long> weights = new HashMap<>();
    private final ToLongFunction<Object> weigher;
    private final long maxWeight;
    private final int capacity;
    private long weight;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    BoundedCache(int capacity, long maxWeight, ToLongFunction<Object> weigher) {
        this.capacity = capacity;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true);
    }

    /** Drops the least recently used entries until both bounds hold. */
    private void evict() {
        Iterator<Map.Entry<Object, Object>> eldest = entries.entrySet().iterator();
        while ((entries.size() > capacity || weight > maxWeight) && eldest.hasNext()) {
            Object key = eldest.next().getKey();
            eldest.remove();
            weight -= weights.remove(key);
            notifyListeners(l -> l.onEntryExpired(key));
        }
    }

    /** The estimated bytes of the entries held. */
    synchronized long weight() {
        return weight;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            notifyListeners(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        boolean updated = entries.put(key, value) != null;
        long entryWeight = weigher.applyAsLong(value);
        Long before = weights.put(key, entryWeight);
        weight += entryWeight - (before == null ? 0 : before);
        evict();
        notifyListeners(l -> {
            if (updated) {
                l.onEntryUpdated(key, value);
            } else {
                l.onEntryCreated(key, value);
            }
        });
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Object value = entries.get(key);
        if (value == null) {
            value = valueSupplier.get();
            put(key, value);
        }
        return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object value = entries.get(key);
        if (value != null) {
            put(key, update.apply((V) value));
        }
    }

    @Override
    public synchronized boolean remove(Object key) {
        if (entries.remove(key) == null) {
            return false;
        }
        weight -= weights.remove(key);
        notifyListeners(l -> l.onEntryRemoved(key));
        return true;
    }

    @Override
    public synchronized void removeAll() {
        for (Object key : new ArrayList<>(entries.keySet())) {
            remove(key);
        }
    }

    /** Drops every entry; answers how many there were. */
    synchronized int clear() {
        int held = entries.size();
        removeAll();
        return held;
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    synchronized int size() {
        return entries.size();
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void notifyListeners(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }
}
