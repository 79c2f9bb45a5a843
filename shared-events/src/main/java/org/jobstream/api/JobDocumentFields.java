package org.jobstream.api;

/**
 * The shape of a job in the search index, shared by the projections that write it and the query
 * service that reads it: every job attribute under its wire name (see
 * {@link org.jobstream.events.JobAttribute}), and the job parameters in three fixed fields, so that
 * no number of distinct parameter names ever adds a field to the index's mapping. Which values
 * these fields hold is {@link JobParameterTerms}'s business.
 */
public final class JobDocumentFields {

    /**
     * The job's parameters by name ({@code {"LoadAverage": "0.5"}}), one {@code flattened} field:
     * exact values ({@code Parameters.LoadAverage}) for equality, grouping and selection.
     */
    public static final String PARAMETERS = "Parameters";

    /**
     * Every parameter as one keyword term, its name and its value
     * ({@link JobParameterTerms#text(String, String)}): for patterns and ranges of text.
     */
    public static final String PARAMETER_TEXT = "ParameterText";

    /**
     * Every parameter whose value is a number as one keyword term, its name and the number in an
     * encoding whose text order is numeric order ({@link JobParameterTerms#number(String, double)}):
     * for numeric ranges.
     */
    public static final String PARAMETER_NUMBERS = "ParameterNumbers";

    private JobDocumentFields() {
    }
}
