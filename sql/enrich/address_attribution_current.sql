-- After the prune, the table holds the current gazetteer version only.
create or replace temp view _address_attribution as
select * exclude (gazetteer_version) from enrich.address_attribution
