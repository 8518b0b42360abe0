-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 20: a sign-up's overlap check from the index alone.
--
-- Every sign-up looks for the person's confirmed or attended places on
-- initiatives at the same time (src/core/signup.c, check_overlap). The
-- index on (volunteer_id, status) gave the places, and each was then read
-- from the table for its initiative: a random page per place, a tenth of
-- the time of a sign-up. With the initiative in the index the places come
-- from the index alone; it serves every query the old one did.
DROP INDEX signup_by_volunteer;
CREATE INDEX signup_by_volunteer ON signup (volunteer_id, status, initiative_id);
