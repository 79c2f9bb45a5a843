package org.jobstream.command.submission.jdl;

/**
 * A syntactically valid job description breaks a submission rule (CPUTime not a number, job
 * type not allowed, wrong virtual organization, too many input files, ...).
 */
public final class InvalidJobDescriptionException extends JdlException {

    private static final long serialVersionUID = 1L;

    public InvalidJobDescriptionException(String message) {
        super(message);
    }
}
