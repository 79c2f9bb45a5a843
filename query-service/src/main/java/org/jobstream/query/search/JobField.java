package org.jobstream.query.search;

import java.util.Optional;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.api.JobParameterTerms;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;

/**
 * A name in a search, a selection or a grouping: a job attribute, or else a job parameter. Whether
 * any job has a parameter of that name is never asked: a parameter no visible job has matches
 * nothing and selects nothing, exactly like one that only other users' jobs have, so that a search
 * never tells which parameter names exist. Only the syntax of a parameter name is checked
 * ({@link JobParameterTerms#NAME}, what the command side accepts): any other name is a {@code 400}.
 */
sealed interface JobField {

    /** The most characters of a name an error message shows. */
    int MAX_NAME_SHOWN = 120;

    /** The name as the request gave it, and as the answer shows it. */
    String name();

    /** The field of the index holding the value (for filters on equality, grouping and selection). */
    String indexField();

    record Attribute(JobAttribute attribute) implements JobField {

        @Override
        public String name() {
            return attribute.wireName();
        }

        @Override
        public String indexField() {
            return attribute.wireName();
        }
    }

    record Parameter(String name) implements JobField {

        @Override
        public String indexField() {
            return JobDocumentFields.PARAMETERS + "." + name;
        }
    }

    /** @throws Refused when the name is neither an attribute nor a valid parameter name */
    static JobField of(String name) {
        Optional<JobAttribute> attribute = JobAttribute.fromWireName(name);
        if (attribute.isPresent()) {
            return new Attribute(attribute.get());
        }
        if (JobParameterTerms.isName(name)) {
            return new Parameter(name);
        }
        throw new Refused("Unknown column " + shown(name) + ": not a job attribute, and not a job "
                + "parameter name (" + JobParameterTerms.NAME_RULE + ")");
    }

    /** A name as an error message shows it: long ones cut short. */
    static String shown(String name) {
        return name.length() <= MAX_NAME_SHOWN ? name : name.substring(0, MAX_NAME_SHOWN) + "... ("
                + name.length() + " characters)";
    }
}
