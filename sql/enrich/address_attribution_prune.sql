-- Forget attributions made under another version or of addresses no longer in the warehouse, so the table is
-- what a run from scratch would build.
delete from enrich.address_attribution as a
where a.gazetteer_version <> $version
   or not exists (select 1 from geo_party as p where p.address_key = a.address_key)
