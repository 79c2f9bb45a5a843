package org.jobstream.command.submission.jdl;

/**
 * Why a job description was refused. The submission endpoint answers every subclass with
 * 400, so callers can catch this one type; the subclasses say which stage refused it.
 */
public abstract class JdlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected JdlException(String message) {
        super(message);
    }
}
