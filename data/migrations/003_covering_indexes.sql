-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 3: covering indexes for the impact figures, so a
-- year of hours and attendance is read from the index alone. Both keep the
-- columns and order of the indexes they replace (the waitlist is read in id
-- order from signup_by_initiative).
DROP INDEX hours_by_status;
CREATE INDEX hours_by_status ON hours (status, worked_on, minutes, volunteer_id, initiative_id);
DROP INDEX signup_by_initiative;
CREATE INDEX signup_by_initiative ON signup (initiative_id, status, id, volunteer_id);
