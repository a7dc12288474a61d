package org.mediationledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.mediationledger.command.relief.ReliefFundCommands.EstablishReliefFund;
import org.mediationledger.command.relief.ReliefFundCommands.ReceiveContribution;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/** Union staff set up relief funds and record contributions (API.md; DOMAIN.md step 8). */
@RestController
public class ReliefFundCommandController {

    private final CommandExecution commands;
    private final Clock clock;

    public ReliefFundCommandController(CommandExecution commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** establishedOn defaults to today. */
    public record ReliefFundRequest(@NotNull UUID fundId,
                                    @NotBlank @Size(max = 200) String name,
                                    @NotNull @Positive Long perWorkerCapFen,
                                    @PastOrPresent LocalDate establishedOn) {
    }

    public record ContributionRequest(@NotNull UUID contributionId,
                                      @NotBlank @Size(max = 200) String contributor,
                                      @NotNull @Positive Long amountFen,
                                      @NotNull @PastOrPresent LocalDate receivedOn) {
    }

    @PostMapping("/api/relief-funds")
    public ResponseEntity<Object> establish(@Valid @RequestBody ReliefFundRequest body, HttpServletRequest request) {
        String fundId = body.fundId().toString();
        LocalDate establishedOn = body.establishedOn() != null ? body.establishedOn() : LocalDate.now(clock);
        return commands.execute(request, body, HttpStatus.CREATED,
                expected -> new EstablishReliefFund(fundId, body.name(), body.perWorkerCapFen(), establishedOn),
                version -> CommandAnswer.forFund(fundId, version), URI.create("/api/relief-funds/" + fundId));
    }

    @PostMapping("/api/relief-funds/{fundId}/contributions")
    public ResponseEntity<Object> contribute(@PathVariable UUID fundId, @Valid @RequestBody ContributionRequest body,
                                             HttpServletRequest request) {
        return commands.execute(request, body, HttpStatus.OK,
                expected -> new ReceiveContribution(fundId.toString(), body.contributionId().toString(), body.contributor(),
                        body.amountFen(), body.receivedOn()),
                version -> CommandAnswer.forFund(fundId.toString(), version), null);
    }
}
