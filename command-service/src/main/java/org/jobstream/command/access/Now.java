package org.jobstream.command.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time at the precision the stores keep (PostgreSQL: microseconds), so a time reads back equal. */
public final class Now {

    private Now() {
    }

    public static Instant micros() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
