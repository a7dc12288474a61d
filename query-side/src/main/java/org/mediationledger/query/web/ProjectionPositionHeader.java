package org.mediationledger.query.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.mediationledger.query.ingest.ProjectionPosition;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Puts {@code X-Projection-Position} on every read: the highest global index the views have applied
 * (API.md). Read before the view itself, so the event at that index is reflected in the answer.
 * <p>
 * It is not a watermark: events with lower indexes may still be unapplied, because order is kept
 * only per partition (per case), partitions are consumed independently, and a held case stays
 * behind. See {@link ProjectionPosition} and POSITION.md.
 */
@Component
public class ProjectionPositionHeader implements HandlerInterceptor {

    public static final String HEADER = "X-Projection-Position";

    private final ProjectionPosition position;

    public ProjectionPositionHeader(ProjectionPosition position) {
        this.position = position;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            response.setHeader(HEADER, Long.toString(position.current()));
        }
        return true;
    }
}
