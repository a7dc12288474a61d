package org.mediationledger.command.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.mediationledger.command.disputecase.ConflictingRepeat;
import org.mediationledger.command.disputecase.InvalidCommand;
import org.mediationledger.command.disputecase.NotYours;
import org.mediationledger.command.disputecase.ProcessRuleViolation;
import org.mediationledger.command.worker.UnknownWorker;
import org.mediationledger.command.disputecase.UnknownLawyer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error as RFC 9457 problem JSON: {@code type, title, status, detail} and, where a field is at
 * fault, {@code errors: [{field, message}]}. Messages name the field and the rule and never repeat the
 * submitted value, which may be personal data.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemAnswers {

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

    public record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList();
        String detail = errors.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException) {
                cause = t; // a syntax error deep inside a nested object is still malformed JSON
                break;
            }
        }
        if (cause instanceof JsonParseException parse) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not valid JSON (line "
                    + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")", List.of());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " is not a field of this request",
                    List.of(new FieldProblem(field, "is not a field of this request")));
        }
        if (cause instanceof InvalidFormatException format) {
            String field = path(format);
            String rule = format.getTargetType() != null && format.getTargetType().isEnum()
                    ? "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants())
                    : "must be a valid " + describe(format.getTargetType());
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " " + rule, List.of(new FieldProblem(field, rule)));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " has the wrong type",
                    List.of(new FieldProblem(field, "has the wrong type")));
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the request body is missing or not valid JSON", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badPathOrParameter(MethodArgumentTypeMismatchException e) {
        String rule = "must be a valid " + describe(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getName() + " " + rule, List.of(new FieldProblem(e.getName(), rule)));
    }

    @ExceptionHandler(RequestHeaderProblem.class)
    ProblemDetail badHeader(RequestHeaderProblem e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid header", e.header() + " " + e.getMessage(),
                List.of(new FieldProblem(e.header(), e.getMessage())));
    }

    @ExceptionHandler(IdempotencyMisuse.class)
    ProblemDetail idempotencyMisuse(IdempotencyMisuse e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key misuse", e.getMessage(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "send the body as application/json", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", e.getMethod() + " is not supported here", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noSuchPath(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "no such endpoint: /" + e.getResourcePath(), List.of());
    }

    /** Exceptions from command handlers, possibly wrapped by the command bus. */
    @ExceptionHandler({InvalidCommand.class, ProcessRuleViolation.class, NotYours.class, UnknownWorker.class, ConflictingRepeat.class, UnknownLawyer.class,
            AggregateNotFoundException.class, ConcurrencyException.class, ConflictingAggregateVersionException.class,
            CommandExecutionException.class, PessimisticLockingFailureException.class, Exception.class})
    ProblemDetail commandFailed(Exception e, jakarta.servlet.http.HttpServletRequest request) {
        Throwable cause = e;
        while (cause instanceof CommandExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidCommand invalid) {
            List<FieldProblem> errors = invalid.field() == null ? List.of() : List.of(new FieldProblem(invalid.field(), invalid.getMessage()));
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", invalid.getMessage(), errors);
        }
        if (cause instanceof ProcessRuleViolation rule) {
            List<FieldProblem> errors = rule.field() == null ? List.of() : List.of(new FieldProblem(rule.field(), rule.getMessage()));
            return problem(HttpStatus.CONFLICT, "A rule of the process forbids this now", rule.getMessage(), errors);
        }
        if (cause instanceof NotYours notYours) {
            List<FieldProblem> errors = notYours.field() == null ? List.of() : List.of(new FieldProblem(notYours.field(), notYours.getMessage()));
            return problem(HttpStatus.FORBIDDEN, "Not yours", notYours.getMessage(), errors);
        }
        if (cause instanceof ConflictingRepeat repeat) {
            return problem(HttpStatus.CONFLICT, "Conflicting repeat", repeat.getMessage(), List.of());
        }
        if (cause instanceof UnknownLawyer unknown) {
            return problem(HttpStatus.NOT_FOUND, "Unknown lawyer", unknown.getMessage(),
                    List.of(new FieldProblem("lawyerId", unknown.getMessage())));
        }
        if (cause instanceof UnknownWorker unknown) {
            return problem(HttpStatus.NOT_FOUND, "Unknown worker", unknown.getMessage(), List.of());
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            // the only aggregates addressed by an id in the path are cases and relief funds
            boolean fund = request.getRequestURI().startsWith("/api/relief-funds/");
            return fund
                    ? problem(HttpStatus.NOT_FOUND, "Unknown relief fund", "no relief fund with id " + notFound.getAggregateIdentifier(), List.of())
                    : problem(HttpStatus.NOT_FOUND, "Unknown case", "no case with id " + notFound.getAggregateIdentifier(), List.of());
        }
        if (cause instanceof ConflictingAggregateVersionException stale) {
            return problem(HttpStatus.CONFLICT, "Stale version", "the case is at version " + stale.getActualVersion()
                    + ", not the version " + stale.getExpectedVersion() + " given in If-Match; reload it and decide again", List.of());
        }
        if (cause instanceof ConcurrencyException || hasCause(cause, PessimisticLockingFailureException.class)) {
            return problem(HttpStatus.CONFLICT, "Concurrent change",
                    "another change to this case was stored at the same moment; reload it and retry", List.of());
        }
        if (cause instanceof org.springframework.web.ErrorResponse framework) {
            return framework.getBody(); // Spring MVC's own 4xx (missing header, unsupported method, ...)
        }
        // the message may quote stored values; the stack trace is enough to find the cause
        log.error("request failed unexpectedly: {}", cause.getClass().getName(), stackOnly(cause));
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request could not be completed; nothing was stored", List.of());
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperties(Map.of("errors", errors));
        }
        return problem;
    }

    /** The same stack, without the messages, which could carry a stored value. */
    private static Throwable stackOnly(Throwable error) {
        Throwable copy = new Throwable(error.getClass().getName());
        copy.setStackTrace(error.getStackTrace());
        if (error.getCause() != null && error.getCause() != error) {
            copy.initCause(stackOnly(error.getCause()));
        }
        return copy;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "UUID" -> "UUID";
            case "Long", "long", "Integer", "int" -> "whole number";
            case "Boolean", "boolean" -> "boolean";
            default -> type.getSimpleName();
        };
    }

}
