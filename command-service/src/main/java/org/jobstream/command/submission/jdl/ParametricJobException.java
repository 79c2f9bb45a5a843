package org.jobstream.command.submission.jdl;

/**
 * A parametric job description is inconsistent (parameter vectors of different lengths, a bad
 * {@code ParameterStart}, ...) or asks for more jobs than can be expanded. Messages follow
 * DIRAC's so clients see the texts they know.
 */
public final class ParametricJobException extends JdlException {

    private static final long serialVersionUID = 1L;

    public ParametricJobException(String message) {
        super(message);
    }
}
