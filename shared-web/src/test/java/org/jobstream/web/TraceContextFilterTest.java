package org.jobstream.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeUnit;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.tracing.OtlpReceiver;
import org.jobstream.web.tracing.OtlpReceiver.ReceivedSpan;
import org.jobstream.web.tracing.OtlpSettings;
import org.jobstream.web.tracing.Spans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

class TraceContextFilterTest {

    private static final TraceParent CALLER =
            TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();

    private OtlpReceiver receiver;
    private Spans spans;

    @BeforeEach
    void exportToAReceiver() throws Exception {
        receiver = new OtlpReceiver();
        spans = Spans.exportingTo(OtlpSettings.of(null, receiver.endpoint(), null).orElseThrow().exporter(),
                "command-service");
    }

    @AfterEach
    void stop() {
        spans.close();
        receiver.close();
    }

    @Test
    void theRequestsServerSpanIsTheOneItsAnswerNames() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/jobs/jdl");
        request.addHeader(TraceParent.NAME, CALLER.toString());
        MockHttpServletResponse response = new MockHttpServletResponse();

        new TraceContextFilter(spans).doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/jobs/jdl");
                res.setStatus(201);
            }
        }));
        spans.flush(10, TimeUnit.SECONDS);

        TraceParent answered = TraceParent.parse(response.getHeader(TraceParent.NAME)).orElseThrow();
        assertThat(request.getAttribute(TraceContextFilter.ATTRIBUTE)).isEqualTo(answered);
        ReceivedSpan span = receiver.span("POST /api/jobs/jdl");
        assertThat(span.service()).isEqualTo("command-service");
        assertThat(span.kind()).isEqualTo("SERVER");
        assertThat(span.traceId()).isEqualTo(CALLER.traceId()).isEqualTo(answered.traceId());
        assertThat(span.parentSpanId()).isEqualTo(CALLER.parentId());
        assertThat(span.spanId()).isEqualTo(answered.parentId());
        assertThat(span.attributes()).containsEntry("http.request.method", "POST")
                .containsEntry("http.route", "/api/jobs/jdl")
                .containsEntry("url.path", "/api/jobs/jdl")
                .containsEntry("http.response.status_code", "201");
        assertThat(span.error()).isFalse();
    }

    @Test
    void aRequestWithoutTraceStartsOneAndAServerErrorIsAnError() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/jobs/7/history");
        request.addHeader(TraceParent.NAME, "not-a-trace");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new TraceContextFilter(spans).doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/jobs/{job_id}/history");
                res.setStatus(503);
            }
        }));
        spans.flush(10, TimeUnit.SECONDS);

        ReceivedSpan span = receiver.span("GET /api/jobs/{job_id}/history");
        assertThat(span.parentSpanId()).isEmpty();
        assertThat(span.traceId()).isEqualTo(TraceParent.parse(response.getHeader(TraceParent.NAME)).orElseThrow().traceId());
        assertThat(span.attributes()).containsEntry("http.route", "/api/jobs/{job_id}/history")
                .containsEntry("http.response.status_code", "503");
        assertThat(span.error()).isTrue();
    }

    @Test
    void withoutExportTheAnswerStillNamesTheServicesSpanInTheCallersTrace() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/jobs/search");
        request.addHeader(TraceParent.NAME, CALLER.toString());
        MockHttpServletResponse response = new MockHttpServletResponse();

        new TraceContextFilter(Spans.off()).doFilter(request, response, new MockFilterChain());

        TraceParent answered = TraceParent.parse(response.getHeader(TraceParent.NAME)).orElseThrow();
        assertThat(answered.traceId()).isEqualTo(CALLER.traceId());
        assertThat(answered.parentId()).isNotEqualTo(CALLER.parentId());
        assertThat(answered.flags()).isEqualTo(CALLER.flags());
    }
}
