-- After the prune, the table holds the current version only.
create or replace temp view _address_attribution as
select * exclude (gazetteer_version, address, postcode, province, county, era) from enrich.address_attribution
