select max(version) as version from meta.schema_version
