package org.mediationledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.mediationledger.command.worker.WorkerCommands.ErasePersonalData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/** Commands about a worker as a person (API.md): the erasure of their personal data. Union staff only ({@code SecurityConfig}). */
@RestController
public class WorkerCommandController {

    private final CommandExecution commands;
    private final Clock clock;

    public WorkerCommandController(CommandExecution commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** @param reason why, as staff record it; it is stored in the event, so it must not itself be personal data */
    public record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/workers/{claimantKey}/erasure")
    public ResponseEntity<Object> erase(@PathVariable UUID claimantKey, @Valid @RequestBody ErasureRequest body,
                                        HttpServletRequest request) {
        String key = claimantKey.toString();
        LocalDate today = LocalDate.now(clock);
        return commands.execute(request, body, HttpStatus.OK,
                expected -> new ErasePersonalData(key, body.reason(), today),
                version -> CommandAnswer.forWorker(key, version), null);
    }
}
