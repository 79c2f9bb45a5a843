package org.jobstream.command.submission.jdl;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a parametric job description into one description per parameter value, as DIRAC's
 * {@code getParameterVectorLength} / {@code generateParametricJobs} do (reference §5.3), but on
 * the parsed ClassAd rather than on JDL text.
 *
 * <p>Submission limits (20 jobs per request) belong to the caller; this class only refuses
 * expansions too large to build at all: more than {@link #MAX_EXPANSION} jobs, or more than
 * about {@link #MAX_EXPANDED_CHARACTERS} characters of job descriptions in total.
 */
public final class ParametricJobs {

    /** Most jobs one description may expand to; larger counts are refused before any work. */
    public static final int MAX_EXPANSION = 10_000;

    /** Most characters of job descriptions (as printed JDL) one expansion may produce. */
    public static final long MAX_EXPANDED_CHARACTERS = 64L * 1024 * 1024;

    private ParametricJobs() {
    }

    /**
     * The number of jobs the description expands to, 0 when it is not parametric. Every
     * attribute whose name starts with {@code Parameters} counts: a list by its items, a scalar
     * by its integer value; they must all agree.
     *
     * @throws ParametricJobException when they disagree ({@code Different length of parameter
     *     vectors: for <attr>, <a> != <b>}), the count is not positive ({@code Illegal number of
     *     job parameters <N>}) or a scalar is not an integer
     */
    public static int vectorLength(ClassAd ad) {
        Long length = null;
        for (ClassAd.Attribute attribute : ad.attributes()) {
            if (!attribute.name().startsWith(ParameterSequence.PARAMETERS)) {
                continue;
            }
            long count = count(attribute);
            if (length != null && length != count) {
                throw new ParametricJobException("Different length of parameter vectors: for "
                        + attribute.name() + ", " + length + " != " + count);
            }
            length = count;
        }
        if (length == null) {
            return 0;
        }
        if (length <= 0 || length > Integer.MAX_VALUE) {
            throw new ParametricJobException("Illegal number of job parameters " + length);
        }
        return (int) (long) length;
    }

    /**
     * The job descriptions of a parametric description, in parameter order; a non-parametric
     * description is returned alone, unchanged. For job n (0-based) of N: {@code %n} becomes n
     * zero-padded to the width of N-1; each sequence's placeholder ({@code %s} or
     * {@code %(name)s}) becomes its n-th value; the sequence attributes are removed and
     * {@code Parameter[.name]} and {@code ParameterNumber = n} added.
     *
     * @throws ParametricJobException when the description is inconsistent, or the expansion
     *     exceeds {@link #MAX_EXPANSION} jobs or {@link #MAX_EXPANDED_CHARACTERS} characters
     */
    public static List<ClassAd> expand(ClassAd ad) {
        int n = vectorLength(ad);
        if (n == 0) {
            return List.of(ad);
        }
        if (n > MAX_EXPANSION) {
            throw new ParametricJobException("Too many parametric jobs: " + n + " (at most " + MAX_EXPANSION + ")");
        }
        long unexpanded = (long) n * JdlPrinter.print(ad).length();
        if (unexpanded > MAX_EXPANDED_CHARACTERS) {
            throw new ParametricJobException("Parametric job description too large to expand into " + n + " jobs");
        }
        List<ParameterSequence> sequences = ParameterSequence.collect(ad, n);
        Placeholders placeholders = new Placeholders(MAX_EXPANDED_CHARACTERS - unexpanded);
        int width = String.valueOf(n - 1).length();
        List<ClassAd> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(job(ad, sequences, placeholders, i, width));
        }
        return List.copyOf(jobs);
    }

    private static ClassAd job(ClassAd ad, List<ParameterSequence> sequences, Placeholders placeholders,
                               int n, int width) {
        String number = String.format("%0" + width + "d", n);
        ClassAd job = placeholders.substitute(ad, "%n", new JdlWord(number));
        for (ParameterSequence sequence : sequences) {
            job = placeholders.substitute(job, sequence.placeholder(), sequence.values().get(n));
        }
        ClassAd.Builder builder = job.toBuilder();
        for (ParameterSequence sequence : sequences) {
            sequence.attributeNames().forEach(builder::remove);
            JdlValue value = sequence.values().get(n);
            builder.put(sequence.parameterAttribute(),
                    value instanceof JdlList || value instanceof JdlNested ? value : new JdlString(value.asText()));
        }
        return builder.put("ParameterNumber", JdlValue.number(n)).build();
    }

    private static long count(ClassAd.Attribute attribute) {
        JdlValue value = attribute.value();
        if (value instanceof JdlList list) {
            return list.items().size();
        }
        String text = value.asText().trim();
        if (!(value instanceof JdlNested) && text.matches("[+-]?[0-9]{1,18}")) {
            return Long.parseLong(text);
        }
        if (!(value instanceof JdlNested) && text.matches("[+-]?[0-9]+")) {
            throw new ParametricJobException("Illegal number of job parameters " + text);
        }
        throw new ParametricJobException("Inconsistent parametric job description: "
                + attribute.name() + "=" + text);
    }
}
