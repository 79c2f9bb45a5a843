package org.jobstream.command.submission.jdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An immutable, ordered JDL ClassAd: attribute name to {@link JdlValue}.
 *
 * <p>Names keep the spelling they were written with, and the order is the order of writing
 * (attributes added later go to the end), so that a JDL can be printed back the way the user
 * wrote it. Two names that differ only by case are the same attribute: a ClassAd never holds
 * both, {@link #with} replaces whatever spelling is present, and lookups ignore case. That keeps
 * every ClassAd printable as a JDL the parser accepts.
 */
public final class ClassAd {

    private static final ClassAd EMPTY = new ClassAd(List.of());
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private final List<Attribute> attributes;
    private final Map<String, Integer> indexByKey;

    private ClassAd(List<Attribute> attributes) {
        this.attributes = List.copyOf(attributes);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.attributes.size(); i++) {
            String name = this.attributes.get(i).name();
            if (index.putIfAbsent(key(name), i) != null) {
                throw new IllegalArgumentException("duplicate attribute " + name);
            }
        }
        this.indexByKey = Collections.unmodifiableMap(index);
    }

    /** One attribute of a ClassAd. */
    public record Attribute(String name, JdlValue value) {
        public Attribute {
            if (!JdlChars.isValidName(name)) {
                throw new IllegalArgumentException("invalid JDL attribute name: '" + name + "'");
            }
            Objects.requireNonNull(value, "value");
        }
    }

    public static ClassAd empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this ClassAd's attributes, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        attributes.forEach(a -> builder.put(a.name(), a.value()));
        return builder;
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public List<String> names() {
        return attributes.stream().map(Attribute::name).toList();
    }

    public int size() {
        return attributes.size();
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    /** Whether the attribute is present (name compared without case). */
    public boolean contains(String name) {
        return indexByKey.containsKey(key(name));
    }

    public Optional<JdlValue> get(String name) {
        Integer i = indexByKey.get(key(name));
        return i == null ? Optional.empty() : Optional.of(attributes.get(i).value());
    }

    /**
     * A scalar attribute as text: a string's content or a word's raw text. Empty when absent
     * or when the value is a list or a nested ClassAd.
     */
    public Optional<String> getString(String name) {
        return get(name).flatMap(v -> v instanceof JdlString || v instanceof JdlWord
                ? Optional.of(v.asText())
                : Optional.empty());
    }

    /**
     * A scalar attribute read as an integer, quoted or not ({@code 3} and {@code "3"} both
     * give 3). Empty when absent, not an integer, or out of {@code int} range.
     */
    public Optional<Integer> getInt(String name) {
        return getLong(name).filter(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)
                .map(Long::intValue);
    }

    /** As {@link #getInt}, for {@code long} values. */
    public Optional<Long> getLong(String name) {
        return getString(name).map(String::trim).filter(t -> INTEGER.matcher(t).matches())
                .flatMap(ClassAd::parseLong);
    }

    /**
     * An attribute read as a list of texts, as DIRAC reads lists: a list gives its items'
     * texts, a scalar is split on commas; blank entries are dropped, entries are trimmed.
     * Absent gives an empty list.
     */
    public List<String> getList(String name) {
        Optional<JdlValue> value = get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        if (value.get() instanceof JdlList list) {
            list.items().forEach(item -> texts.add(item.asText().trim()));
        } else if (value.get() instanceof JdlNested nested) {
            texts.add(nested.asText());
        } else {
            for (String part : value.get().asText().split(",", -1)) {
                texts.add(part.trim());
            }
        }
        texts.removeIf(String::isEmpty);
        return List.copyOf(texts);
    }

    /** A nested ClassAd attribute; empty when absent or not a ClassAd. */
    public Optional<ClassAd> getClassAd(String name) {
        return get(name).flatMap(v -> v instanceof JdlNested n ? Optional.of(n.classAd()) : Optional.empty());
    }

    /**
     * A copy with the attribute set: an attribute of the same name (any case) is replaced in
     * place and takes the new spelling; otherwise the attribute is appended.
     */
    public ClassAd with(String name, JdlValue value) {
        return toBuilder().put(name, value).build();
    }

    /** {@link #with} a quoted string value. */
    public ClassAd withString(String name, String text) {
        return with(name, new JdlString(text));
    }

    /** {@link #with} a bare integer value. */
    public ClassAd withNumber(String name, long number) {
        return with(name, JdlValue.number(number));
    }

    /** A copy without the attribute (name compared without case); this ClassAd if absent. */
    public ClassAd without(String name) {
        return contains(name) ? toBuilder().remove(name).build() : this;
    }

    /** A copy with every value replaced by {@code mapper(value)}, names and order kept. */
    public ClassAd mapValues(UnaryOperator<JdlValue> mapper) {
        List<Attribute> mapped = new ArrayList<>(attributes.size());
        attributes.forEach(a -> mapped.add(new Attribute(a.name(), mapper.apply(a.value()))));
        return new ClassAd(mapped);
    }

    /** A copy with the attributes sorted by name, nested ClassAds included, as DIRAC stores JDLs. */
    public ClassAd sorted() {
        List<Attribute> sorted = new ArrayList<>(attributes);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        return new ClassAd(sorted).mapValues(ClassAd::sortedValue);
    }

    private static JdlValue sortedValue(JdlValue value) {
        if (value instanceof JdlNested nested) {
            return new JdlNested(nested.classAd().sorted());
        }
        if (value instanceof JdlList list) {
            return new JdlList(list.items().stream().map(ClassAd::sortedValue).toList());
        }
        return value;
    }

    /** Attribute order matters: two ClassAds are equal when they list the same attributes in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClassAd ad && attributes.equals(ad.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    /** The canonical JDL text ({@link JdlPrinter#print}). */
    @Override
    public String toString() {
        return JdlPrinter.print(this);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** Collects attributes in order; {@link #put} replaces, {@link #add} refuses duplicates. */
    public static final class Builder {

        private final List<Attribute> attributes = new ArrayList<>();
        private final Map<String, Integer> indexByKey = new HashMap<>();

        private Builder() {
        }

        /** Sets the attribute, replacing one of the same name (any case) in place. */
        public Builder put(String name, JdlValue value) {
            Attribute attribute = new Attribute(name, value);
            Integer i = indexByKey.get(key(name));
            if (i == null) {
                indexByKey.put(key(name), attributes.size());
                attributes.add(attribute);
            } else {
                attributes.set(i, attribute);
            }
            return this;
        }

        /** Appends the attribute; a name already present (any case) is an error. */
        public Builder add(String name, JdlValue value) {
            if (contains(name)) {
                throw new IllegalArgumentException("duplicate attribute " + name);
            }
            return put(name, value);
        }

        public Builder remove(String name) {
            Integer i = indexByKey.remove(key(name));
            if (i != null) {
                attributes.remove((int) i);
                indexByKey.replaceAll((k, v) -> v > i ? v - 1 : v);
            }
            return this;
        }

        public boolean contains(String name) {
            return indexByKey.containsKey(key(name));
        }

        /** The spelling under which a name (any case) was added, if it was. */
        public Optional<String> spellingOf(String name) {
            Integer i = indexByKey.get(key(name));
            return i == null ? Optional.empty() : Optional.of(attributes.get(i).name());
        }

        public ClassAd build() {
            return attributes.isEmpty() ? EMPTY : new ClassAd(attributes);
        }
    }
}
