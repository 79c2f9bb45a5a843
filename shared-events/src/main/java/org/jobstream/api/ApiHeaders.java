package org.jobstream.api;

/** HTTP headers Jobstream adds to the DiracX API. */
public final class ApiHeaders {

    /**
     * The event-store position of a command's last event, answered by every command; a client
     * sends it back on a query to have that query wait until the read models include it.
     */
    public static final String POSITION = "X-Jobstream-Position";

    private ApiHeaders() {
    }
}
