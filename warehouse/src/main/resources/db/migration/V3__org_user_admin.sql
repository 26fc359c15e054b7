-- An org's admin users are the superusers of its warehouse. Rows written before this column
-- existed read as ordinary users.
ALTER TABLE org_users ADD COLUMN admin boolean NOT NULL DEFAULT false;
