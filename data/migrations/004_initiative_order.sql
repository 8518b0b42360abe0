-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 4: the Initiatives list in title order (ASCII
-- letters ignore case, then id) is read from an index a page at a time,
-- like the orders by start (initiative_by_start) and by category
-- (initiative_by_category, version 1).
CREATE INDEX initiative_by_title ON initiative (title COLLATE NOCASE, id);
