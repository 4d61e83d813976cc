insert into enrich.address_attribution by name
select *, $version as gazetteer_version from _new_attribution
