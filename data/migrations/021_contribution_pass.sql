-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 21: the company's contribution in one pass over
-- an index.
--
-- The report's contribution (src/core/contribution.c) sums a period's
-- approved hours by the person's site, the day worked, company or own time
-- and the category. It read each hour from the table for its own_time (a
-- random page per hour, with the person and the initiative looked up the
-- same way): 0.6 s at 50,000 volunteers, 14 s at 500,000. With own_time in
-- the index that already holds the period's approved hours in day order,
-- the hours come from the index alone; it serves every query the old one
-- did.
DROP INDEX hours_by_status;
CREATE INDEX hours_by_status ON hours (status, worked_on, minutes, volunteer_id, initiative_id,
				       own_time);
