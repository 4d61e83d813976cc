create or replace temp table geo_name_entity as select * from _name_entity
