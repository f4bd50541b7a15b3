package dev.bookingsinvoicing.invoicing.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.bookingsinvoicing.invoicing.command.CommandAnswered;

/**
 * The result pages that follow a running action, each over one server-sent event stream: a page is told how far its
 * action has got when it connects and again whenever one of the action's commands is answered here (the result
 * store's {@link CommandAnswered}); {@code progress} while commands run, {@code done} once all have answered, which
 * also ends the stream. The page then shows the action as it is now (operator.js).
 *
 * <p>At most {@link #MAX_OPEN} streams are open at once (one more is refused with 503: the page offers a reload
 * link instead), and each ends after {@link #TIMEOUT}; the browser's EventSource then connects again by itself and
 * is told the state at once, which is how a page learns of a command another instance of the service answered and
 * of the progress of a long run between answers.
 */
@Component
public class ActionStreams implements DisposableBean {

    static final int MAX_OPEN = 200;
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** How long the browser waits before it connects again after a stream ended. */
    static final Duration RECONNECT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ActionStreams.class);

    private final OperatorActions actions;
    private final int maxOpen;
    private final Duration timeout;
    private final Map<String, Set<Follower>> byCommand = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** Pushes run here, not on the command listener's thread that stored the result. */
    private final ExecutorService pushes = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "action-streams");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public ActionStreams(OperatorActions actions) {
        this(actions, MAX_OPEN, TIMEOUT);
    }

    ActionStreams(OperatorActions actions, int maxOpen, Duration timeout) {
        this.actions = actions;
        this.maxOpen = maxOpen;
        this.timeout = timeout;
    }

    /** A new stream for a page following {@code action}; it is told the action's state at once. */
    SseEmitter follow(OperatorAction action) {
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many pages are following actions right now; reload the page to see how far it has got");
        }
        Follower follower = new Follower(action, new SseEmitter(timeout.toMillis()));
        action.commandIds().forEach(id -> byCommand.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet())
                .add(follower));
        follower.emitter.onCompletion(() -> forget(follower));
        follower.emitter.onTimeout(() -> {
            // ends the response normally; the browser connects again and is told the state at once
            forget(follower);
            follower.emitter.complete();
        });
        follower.emitter.onError(e -> forget(follower));
        follower.push();
        return follower.emitter;
    }

    /** How many streams are open. */
    int open() {
        return open.get();
    }

    @EventListener
    void answered(CommandAnswered answered) {
        Set<Follower> followers = byCommand.get(answered.commandId());
        if (followers == null) {
            return;
        }
        for (Follower follower : followers) {
            try {
                pushes.execute(follower::push);
            } catch (RejectedExecutionException shuttingDown) {
                return;
            }
        }
    }

    private void forget(Follower follower) {
        if (follower.closed.compareAndSet(false, true)) {
            open.decrementAndGet();
            follower.action.commandIds().forEach(id -> byCommand.computeIfPresent(id, (k, followers) -> {
                followers.remove(follower);
                return followers.isEmpty() ? null : followers;
            }));
        }
    }

    @Override
    public void destroy() {
        pushes.shutdownNow();
    }

    /** One page's stream. */
    private final class Follower {

        final OperatorAction action;
        final SseEmitter emitter;
        final AtomicBoolean closed = new AtomicBoolean();

        Follower(OperatorAction action, SseEmitter emitter) {
            this.action = action;
            this.emitter = emitter;
        }

        /** Tells the page the action's state now; ends the stream once every command has answered. */
        synchronized void push() {
            if (closed.get()) {
                return;
            }
            try {
                ActionStatus status = actions.status(action);
                emitter.send(SseEmitter.event().name(status.finished() ? "done" : "progress")
                        .data(status.version()).reconnectTime(RECONNECT.toMillis()));
                if (status.finished()) {
                    forget(this);
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                // the browser has left the page (or the stream has just ended): nothing to tell
                forget(this);
            } catch (RuntimeException e) {
                log.warn("Could not tell a result page how far action {} has got", action.id(), e);
                forget(this);
                emitter.completeWithError(e);
            }
        }
    }
}
