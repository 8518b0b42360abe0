-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 19: the metrics in use are found from an index.
--
-- At every start csrdesk warns about keys in the database that the config
-- no longer defines (src/core/removed.c). The metrics of impact records
-- and of goals had no index, so finding them read and sorted every record
-- (3.4 MB of memory and a whole table at 500,000 volunteers). With these
-- indexes each metric in use is one seek, and only a metric the config
-- lacks is counted.
CREATE INDEX impact_by_metric ON impact (metric);
CREATE INDEX initiative_goal_by_metric ON initiative_goal (metric);
