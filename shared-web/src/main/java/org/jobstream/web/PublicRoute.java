package org.jobstream.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route that answers without a token: a description of the service (discovery, keys, the API
 * description), never a job's data. Its path must be among the public paths of
 * {@link BearerTokenSecurityConfiguration}; every other route takes the caller and checks an
 * access policy (see the ArchUnit rules of this module's tests).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicRoute {
}
