-- Issue 4: a worker's personal data erased (PersonalDataErased). The case keeps everything else; the
-- ciphertexts and the keyed hash leave the views, and the case file shows the data as erased.
ALTER TABLE views.dispute_case ADD COLUMN personal_data_erased boolean NOT NULL DEFAULT false;
