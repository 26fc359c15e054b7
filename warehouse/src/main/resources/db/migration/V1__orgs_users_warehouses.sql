-- The multi-tenant config store: orgs, their users and their managed warehouses.
-- Shipped migrations never change once released; Flyway refuses to start when one has.

CREATE TABLE orgs (
    org_id        text        PRIMARY KEY
                  CHECK (org_id ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    database_name text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orgs_database_name_key UNIQUE (database_name)
);

-- Passwords are never stored: only PostgreSQL's SCRAM-SHA-256 verifier text
-- (SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>).
CREATE TABLE org_users (
    org_id         text        NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
    name           text        NOT NULL,
    scram_verifier text        NOT NULL CHECK (scram_verifier LIKE 'SCRAM-SHA-256$%'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, name)
);

-- One warehouse per org. Secrets (*_enc) are AES-GCM ciphertext; the key lives in a file
-- outside this database.
CREATE TABLE managed_warehouses (
    org_id                   text        PRIMARY KEY REFERENCES orgs (org_id) ON DELETE CASCADE,
    state                    text        NOT NULL
                             CHECK (state IN ('pending', 'provisioning', 'ready', 'failed', 'deleting')),
    status_message           text        NOT NULL DEFAULT '',
    attempts                 integer     NOT NULL DEFAULT 0,
    metadata_store_type      text        NOT NULL CHECK (metadata_store_type IN ('internal', 'external')),
    metadata_host            text,
    metadata_port            integer,
    metadata_database        text        NOT NULL,
    metadata_user            text,
    metadata_password_enc    bytea,
    data_store_type          text        NOT NULL CHECK (data_store_type IN ('local', 's3')),
    s3_bucket                text,
    s3_prefix                text,
    s3_endpoint              text,
    s3_region                text,
    s3_url_style             text,
    s3_use_ssl               boolean,
    s3_access_key_id_enc     bytea,
    s3_secret_access_key_enc bytea,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    state_changed_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (metadata_store_type = 'internal'
           OR (metadata_host IS NOT NULL AND metadata_port IS NOT NULL AND metadata_user IS NOT NULL)),
    CHECK (data_store_type = 'local' OR s3_bucket IS NOT NULL)
);

CREATE INDEX managed_warehouses_state_idx ON managed_warehouses (state);
