package org.mediationledger.query.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rebuilds of the views (API.md, audit endpoints); auditors only ({@code SecurityConfiguration}). */
@RestController
@RequestMapping("/api/audit/rebuilds")
public class RebuildController {

    private final Rebuilds rebuilds;

    public RebuildController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** 202: the rebuild runs on; {@code GET} its location to follow it. */
    @PostMapping
    public ResponseEntity<Map<String, String>> start(Authentication who) {
        Rebuild started = rebuilds.start(who.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/audit/rebuilds/" + started.rebuildId()))
                .body(Map.of("rebuildId", started.rebuildId()));
    }

    @GetMapping
    public Map<String, List<Rebuild>> all() {
        return Map.of("rebuilds", rebuilds.all());
    }

    @GetMapping("/{rebuildId}")
    public Rebuild one(@PathVariable UUID rebuildId) {
        return rebuilds.find(rebuildId.toString());
    }

    /** Replaces the live views by this rebuild's tables (after replaying what was stored since). */
    @PostMapping("/{rebuildId}/switch")
    public Rebuild switchTo(@PathVariable UUID rebuildId) {
        return rebuilds.switchTo(rebuildId.toString());
    }
}
