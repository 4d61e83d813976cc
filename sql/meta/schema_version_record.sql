insert into meta.schema_version values ($version, $applied_at, $description)
