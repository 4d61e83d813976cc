create or replace table enrich.applicant_entity as select * from _entities order by entity_id
