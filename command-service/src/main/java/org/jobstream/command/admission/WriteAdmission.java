package org.jobstream.command.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.jobstream.errors.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Back-pressure: while the read models are more than {@code max-lag} behind the event store, a
 * command that would append events is refused with {@code 503} and {@code Retry-After}, so that
 * nothing is accepted faster than it can be made visible (DiracX's pilots and clients retry).
 * Only routes marked {@link AppendsEvents} are refused: reads and sandbox uploads never are.
 */
@Component
public class WriteAdmission implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(WriteAdmission.class);

    static final String REFUSED = "jobstream.admission.refused";

    private final ReadModelLag lag;
    private final Duration maxLag;
    private final Counter refused;
    private volatile boolean refusing;

    WriteAdmission(ReadModelLag lag, @Value("${jobstream.admission.max-lag:5s}") Duration maxLag, MeterRegistry registry) {
        this.lag = lag;
        this.maxLag = maxLag;
        this.refused = Counter.builder(REFUSED)
                .description("Writes refused with 503 while the read models were more than max-lag behind (back-pressure)")
                .register(registry);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod route) || !route.hasMethodAnnotation(AppendsEvents.class)) {
            return true;
        }
        Duration behind = lag.current();
        boolean refuse = behind.compareTo(maxLag) > 0;
        if (refuse != refusing) {
            refusing = refuse;
            if (refuse) {
                log.warn("The read models are {} ms behind (bound {} ms): refusing writes until they catch up",
                        behind.toMillis(), maxLag.toMillis());
            } else {
                log.info("The read models are {} ms behind again: accepting writes", behind.toMillis());
            }
        }
        if (refuse) {
            refused.increment();
            throw new Unavailable("The read models are " + behind.toSeconds()
                    + " s behind the accepted writes (bound " + maxLag.toSeconds() + " s); retry shortly");
        }
        return true;
    }
}
