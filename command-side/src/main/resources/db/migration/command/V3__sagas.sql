-- Axon's JDBC saga store (PostgresSagaSqlSchema, default SagaSchema names; unquoted, so lower case here):
-- the relief saga's state and the association values (caseId) that route events to it (decision 0011).
CREATE TABLE SagaEntry (
    sagaId          VARCHAR(255) NOT NULL,
    revision        VARCHAR(255),
    sagaType        VARCHAR(255),
    serializedSaga  BYTEA,
    PRIMARY KEY (sagaId)
);

CREATE TABLE AssociationValueEntry (
    id                BIGSERIAL NOT NULL,
    associationKey    VARCHAR(255),
    associationValue  VARCHAR(255),
    sagaType          VARCHAR(255),
    sagaId            VARCHAR(255),
    PRIMARY KEY (id)
);

-- the store looks sagas up by type and association, and removes associations by saga id
CREATE INDEX association_value_entry_lookup ON AssociationValueEntry (sagaType, associationKey, associationValue);
CREATE INDEX association_value_entry_saga ON AssociationValueEntry (sagaId, sagaType);
