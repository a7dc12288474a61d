package org.mediationledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.mediationledger.command.lawyer.Lawyer.RegisterLawyer;
import org.mediationledger.command.web.CaseRequests.RegisterLawyerRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LawyerCommandController {

    private final CommandExecution commands;

    public LawyerCommandController(CommandExecution commands) {
        this.commands = commands;
    }

    @PostMapping("/api/lawyers")
    public ResponseEntity<Object> registerLawyer(@Valid @RequestBody RegisterLawyerRequest body, HttpServletRequest request) {
        return commands.execute(request, body, HttpStatus.CREATED,
                expected -> new RegisterLawyer(body.lawyerId(), body.name(), body.maxActiveCases()),
                version -> CommandAnswer.forLawyer(body.lawyerId(), version), null);
    }
}
