-- Which PostgreSQL-protocol server holds an external metadata store. Rows written before this
-- column existed were all PostgreSQL, so they read as 'postgres'.
ALTER TABLE managed_warehouses
    ADD COLUMN metadata_store_flavor text NOT NULL DEFAULT 'postgres'
        CHECK (metadata_store_flavor IN ('postgres', 'cockroachdb'));
