-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 2: indexes the impact figures need.
CREATE INDEX feedback_by_initiative ON feedback (initiative_id);
CREATE INDEX signup_by_updated ON signup (status, updated_at);
CREATE INDEX audit_by_entity ON audit (entity, entity_id);
