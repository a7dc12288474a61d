package org.mediationledger.console;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The views are eventually consistent: right after a write from the console, the page that shows its
 * result asks again for a few seconds until the view has it, rather than show the state before it.
 */
final class CatchUp {

    /** How long a page waits for the views to show a write just made before showing them as they are. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private CatchUp() {
    }

    static ApiClient.Answer until(Supplier<ApiClient.Answer> read, Predicate<ApiClient.Answer> caughtUp)
            throws InterruptedException {
        ApiClient.Answer answer = read.get();
        Instant giveUp = Instant.now().plus(LIMIT);
        while (!caughtUp.test(answer) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
            answer = read.get();
        }
        return answer;
    }
}
