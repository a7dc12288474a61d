package org.mediationledger.query.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;

/**
 * Every error as RFC 9457 problem JSON (API.md, "Errors"). Spring's own exceptions (unknown path,
 * method not allowed, not acceptable) come through the base class as problems too.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request parameter");
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", e.rule())));
        return problem;
    }

    /**
     * A path variable that does not convert (a case id that is not a UUID): 400 naming it, in the
     * command side's words, e.g. {@code caseId must be a valid UUID}. The value itself is not repeated.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String rule = "must be a valid " + describe(e.getRequiredType());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getName() + " " + rule);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", rule)));
        return problem;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "UUID";
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "Long", "long", "Integer", "int" -> "whole number";
            case "Boolean", "boolean" -> "boolean";
            default -> type.getSimpleName();
        };
    }

    @ExceptionHandler(org.mediationledger.query.rebuild.RebuildConflict.class)
    ProblemDetail rebuildConflict(org.mediationledger.query.rebuild.RebuildConflict e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Rebuild conflict");
        return problem;
    }

    /**
     * 409 rather than 503: the service is well, only this aggregate's view is behind the version the
     * reader needs, and asking again resolves it (docs/read-your-writes.md).
     */
    @ExceptionHandler(NotCaughtUp.class)
    ResponseEntity<ProblemDetail> notCaughtUp(NotCaughtUp e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not caught up yet");
        problem.setProperty("aggregateId", e.aggregateId());
        problem.setProperty("wantedVersion", e.wantedVersion());
        problem.setProperty("viewVersion", e.viewVersion());
        problem.setProperty("held", e.heldBecause() != null);
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not yours");
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ProblemDetail viewsUnavailable(Exception e) {
        // class only: a database message may quote row contents
        log.warn("views unavailable: {}", e.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the views database cannot be reached; try again shortly");
        problem.setTitle("Views unavailable");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        // the cause goes to the log, never to the client
        log.error("request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request could not be answered; the error was logged");
        problem.setTitle("Internal error");
        return problem;
    }
}
