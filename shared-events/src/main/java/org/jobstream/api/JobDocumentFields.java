package org.jobstream.api;

/**
 * The shape of a job in the search index, shared by the projections that write it and the query
 * service that reads it: every job attribute under its wire name (see
 * {@link org.jobstream.events.JobAttribute}), and the job parameters in one object.
 */
public final class JobDocumentFields {

    /** The object holding the job's parameters by name ({@code Parameters.LoadAverage}). */
    public static final String PARAMETERS = "Parameters";

    /** The numeric sub-field of a parameter whose text is a number ({@code Parameters.LoadAverage.num}). */
    public static final String NUMERIC = "num";

    private JobDocumentFields() {
    }
}
