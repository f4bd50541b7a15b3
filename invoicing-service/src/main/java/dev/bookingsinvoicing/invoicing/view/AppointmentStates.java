package dev.bookingsinvoicing.invoicing.view;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.DocumentsById;

/**
 * What the view last applied per appointment ({@code appointments}, see {@link AppointmentState}), read by
 * {@code _id} and written as hand-made BSON ({@link ViewDocuments}): a poll writes one state per appointment.
 */
@Component
public class AppointmentStates {

    private final DocumentsById documents;
    private final ViewDocuments bson;

    public AppointmentStates(MongoTemplate mongo, DocumentsById documents) {
        this.documents = documents;
        this.bson = new ViewDocuments(mongo);
    }

    public Optional<AppointmentState> find(String key) {
        return documents.find(key, AppointmentState.class);
    }

    public List<AppointmentState> find(Collection<String> keys) {
        return documents.find(keys, AppointmentState.class);
    }

    /** The states by key, read without their appointment (null in what is returned): enough to classify an event. */
    public Map<String, AppointmentState> withoutAppointment(Collection<String> keys) {
        return documents.byId(keys, AppointmentState.class, AppointmentState::id, List.of("appointment"));
    }

    /** Inserts the states, replacing those that existed. */
    public void save(Collection<AppointmentState> states) {
        documents.upsertAll(AppointmentState.COLLECTION, states.stream().map(bson::state).toList());
    }
}
