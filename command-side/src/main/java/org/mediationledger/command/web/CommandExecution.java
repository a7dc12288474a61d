package org.mediationledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.mediationledger.command.config.RandomIdentifiers;
import org.mediationledger.command.disputecase.Acting;
import org.mediationledger.command.security.Actor;
import org.mediationledger.events.wire.EventMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Sends one command the way API.md asks of every write: the actor and request recorded as metadata,
 * {@code If-Match} pinned as the expected version, {@code ETag} on the answer, and an
 * {@code Idempotency-Key} making a retry return the first answer without a second effect. The answer
 * is given only after the events are committed.
 */
@Component
public class CommandExecution {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REQUEST_ID = "X-Request-Id";
    static final String CORRELATION_ID = "X-Correlation-Id";
    private static final int CONCURRENCY_ATTEMPTS = 3;
    /** Request and correlation ids travel into every event and onto Kafka: only short, plain tokens. */
    private static final java.util.regex.Pattern SAFE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final CommandGateway gateway;
    private final IdempotencyRecords idempotency;
    private final TransactionTemplate transaction;
    /** Sorted keys, so that the same request always hashes the same. */
    private final ObjectMapper canonicalJson = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private final ObjectMapper answerJson;

    public CommandExecution(CommandGateway gateway, IdempotencyRecords idempotency, TransactionTemplate transaction,
                            ObjectMapper answerJson) {
        this.gateway = gateway;
        this.idempotency = idempotency;
        this.transaction = transaction;
        this.answerJson = answerJson;
    }

    /**
     * @param body      the validated request body (hashed, never stored)
     * @param command   builds the command from the expected version ({@code If-Match}, or null)
     * @param answer    builds the answer from the version after the command
     * @param location  where the created resource can be read, or null
     */
    public ResponseEntity<Object> execute(HttpServletRequest request, Object body, HttpStatus status,
                                          Function<Long, Object> command, LongFunction<CommandAnswer> answer, URI location) {
        Long expectedVersion = expectedVersion(request.getHeader("If-Match"));
        Object commandPayload = command.apply(expectedVersion);
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            return respond(status, answer.apply(dispatch(request, commandPayload)), location);
        }
        if (key.isBlank() || key.length() > 200) {
            throw new RequestHeaderProblem(IDEMPOTENCY_KEY, "must be 1 to 200 characters");
        }
        Actor actor = Actor.current();
        String requestHash = requestHash(request, body);
        // The record and the command's events commit together: a retry sees either both or neither.
        // Axon releases its lock on the case before this outer transaction commits, so another command
        // on the same case may lose the race for the next sequence number; run it again then.
        for (int attempt = 1; ; attempt++) {
            try {
                return executeIdempotently(request, status, commandPayload, answer, location, actor, key, requestHash);
            } catch (ConcurrencyException e) {
                if (attempt == CONCURRENCY_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ResponseEntity<Object> executeIdempotently(HttpServletRequest request, HttpStatus status, Object commandPayload,
                                                       LongFunction<CommandAnswer> answer, URI location, Actor actor,
                                                       String key, String requestHash) {
        return transaction.execute(tx -> {
            IdempotencyRecords.Stored earlier = idempotency.claim(actor.id(), key, requestHash);
            if (earlier != null) {
                return replay(earlier, requestHash);
            }
            CommandAnswer result = answer.apply(dispatch(request, commandPayload));
            ResponseEntity<Object> response = respond(status, result, location);
            idempotency.complete(actor.id(), key, status.value(), etag(result.version()), location, toJson(result));
            return response;
        });
    }

    private ResponseEntity<Object> replay(IdempotencyRecords.Stored earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new IdempotencyMisuse("this Idempotency-Key was already used for a different request");
        }
        if (earlier.status() == null) {
            throw new IdempotencyMisuse("a request with this Idempotency-Key is still being processed");
        }
        ResponseEntity.BodyBuilder replayed = ResponseEntity.status(earlier.status())
                .eTag(earlier.etag())
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true");
        if (earlier.location() != null) {
            replayed.location(URI.create(earlier.location()));
        }
        return replayed.body(earlier.body());
    }

    private long dispatch(HttpServletRequest request, Object command) {
        Actor actor = Actor.current();
        String requestId = headerOr(request, REQUEST_ID, RandomIdentifiers.uuid().toString());
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.ACTOR_ID, actor.id());
        metadata.put(EventMetadata.ACTOR_ROLE, actor.role().name());
        if (actor.boundTo() != null) {
            metadata.put(Acting.BOUND_TO, actor.boundTo()); // for the case's ownership rules; not copied onto events
        }
        metadata.put(EventMetadata.REQUEST_ID, requestId);
        metadata.put(EventMetadata.CORRELATION_ID, headerOr(request, CORRELATION_ID, requestId));
        Long version = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        return version;
    }

    private static ResponseEntity<Object> respond(HttpStatus status, CommandAnswer answer, URI location) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).eTag(etag(answer.version()));
        if (location != null) {
            builder.location(location);
        }
        return builder.body(answer);
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** {@code If-Match: "7"} pins version 7; {@code *} or no header pins nothing. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new RequestHeaderProblem("If-Match", "must be the case version from an ETag, e.g. \"7\"");
        }
    }

    private String requestHash(HttpServletRequest request, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(String.valueOf(request.getHeader("If-Match")).getBytes(StandardCharsets.UTF_8));
            sha.update(canonicalJson.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("request could not be hashed", e);
        }
    }

    private String toJson(CommandAnswer answer) {
        try {
            return answerJson.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String headerOr(HttpServletRequest request, String header, String fallback) {
        String value = request.getHeader(header);
        if (value == null) {
            return fallback;
        }
        if (!SAFE_ID.matcher(value).matches()) {
            throw new RequestHeaderProblem(header, "must be 1 to 100 letters, digits or . _ : -");
        }
        return value;
    }
}
