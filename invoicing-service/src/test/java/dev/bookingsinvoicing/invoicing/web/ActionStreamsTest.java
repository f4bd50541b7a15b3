package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.invoicing.command.CommandAnswered;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * The progress streams of result pages on the MongoDB wire-protocol server: their number is bounded, and a stream
 * ends (freeing its place) once the result store tells that the action's last command is answered.
 */
class ActionStreamsTest {

    @AutoClose
    private final TestMongo server = new TestMongo();
    private MongoTemplate mongo;
    private ActionStreams streams;

    @BeforeEach
    void start() {
        mongo = server.template("streams");
        // the page's actions read here; nothing is sent, so there is no command sender
        streams = new ActionStreams(new OperatorActions(mongo, null, Clock.systemUTC()), 2, Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        streams.destroy();
    }

    @Test
    void atMostTwoPagesFollowAtOnceAndAStreamEndsWhenItsActionIsAnswered() {
        OperatorAction action = action("a1", "a1-1", "a1-2");
        streams.follow(action);
        streams.follow(action);
        assertThat(streams.open()).isEqualTo(2);

        // a third page is refused (it offers a reload link instead)
        assertThatThrownBy(() -> streams.follow(action)).isInstanceOfSatisfying(ResponseStatusException.class,
                e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
        assertThat(streams.open()).isEqualTo(2);

        // one of two commands answered: the streams stay open
        answer("a1-1");
        streams.answered(new CommandAnswered("a1-1"));
        assertThat(streams.open()).isEqualTo(2);

        // the last one answered: both streams end, and a new page may follow
        answer("a1-2");
        streams.answered(new CommandAnswered("a1-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 0);
        streams.follow(action("a2", "a2-1"));
        assertThat(streams.open()).isEqualTo(1);
    }

    @Test
    void aPageFollowingAnActionThatIsAlreadyAnsweredIsToldAndLetGoAtOnce() {
        answer("a3-1");
        streams.follow(action("a3", "a3-1"));
        assertThat(streams.open()).isZero();
    }

    private OperatorAction action(String id, String... commandIds) {
        OperatorAction action = new OperatorAction(id, "Mark as invoiced", "operator", Instant.now(),
                List.of(commandIds), 1, "/bookings", null);
        mongo.save(action);
        return action;
    }

    private void answer(String commandId) {
        mongo.getCollection(CommandOutcome.COLLECTION).insertOne(new Document("_id", commandId)
                .append("commandType", "MarkBookingsInvoiced").append("outcome", "COMPLETED"));
    }
}
