-- Issue 4: who may read a case. A lawyer reads the cases they are or were responsible for
-- (DOMAIN.md, roles), so every lawyer ever responsible is kept, not only the current one.
CREATE TABLE views.case_lawyer (
    case_id   text NOT NULL REFERENCES views.dispute_case (case_id),
    lawyer_id text NOT NULL,
    PRIMARY KEY (case_id, lawyer_id)
);
CREATE INDEX case_lawyer_by_lawyer ON views.case_lawyer (lawyer_id);

-- Views built before this table: the mediator and legal-aid lawyer they still name (a lawyer replaced
-- earlier is not recoverable from them; a rebuild from the events restores those too).
INSERT INTO views.case_lawyer (case_id, lawyer_id)
SELECT case_id, mediator_id FROM views.dispute_case WHERE mediator_id IS NOT NULL
UNION
SELECT case_id, legal_aid_lawyer_id FROM views.dispute_case WHERE legal_aid_lawyer_id IS NOT NULL;
