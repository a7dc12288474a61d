package org.mediationledger.command.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.mediationledger.command.pii.PersonalDataProtection;
import org.mediationledger.command.web.validation.ResidentIdNumber;
import org.mediationledger.command.worker.WorkerMatters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Before an intake: does this worker already have open cases? (DOMAIN.md, "Personal data": the keyed
 * hash of the ID number is there for exactly this check.) It writes nothing: an ID number never seen
 * answers no cases, and no worker is registered by asking. POST, because an ID number must never be
 * in a URL, where access logs and browser histories keep it. Union staff only ({@code SecurityConfig}).
 */
@RestController
public class IntakeCheckController {

    private final PersonalDataProtection personalData;
    private final WorkerMatters matters;

    public IntakeCheckController(PersonalDataProtection personalData, WorkerMatters matters) {
        this.personalData = personalData;
        this.matters = matters;
    }

    public record IntakeCheckRequest(@NotBlank @ResidentIdNumber String idNumber) {

        /** Never print personal data, whatever logs this. */
        @Override
        public String toString() {
            return "IntakeCheckRequest[idNumber=***]";
        }
    }

    /** @param openCases the worker's cases that are not closed; the caller compares their respondents */
    public record IntakeCheckAnswer(List<String> openCases) {
    }

    @PostMapping("/api/intake-checks")
    public IntakeCheckAnswer check(@Valid @RequestBody IntakeCheckRequest request) {
        return new IntakeCheckAnswer(personalData.claimantKeyOf(request.idNumber())
                .map(matters::openCasesOf)
                .orElse(List.of()));
    }
}
