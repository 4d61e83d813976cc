-- A publication and its grant share country + number: every row of an affected number is recomputed together.
create or replace temp table affected_number_key as
select distinct number_key from raw.patent where patent_id in (select patent_id from affected_patent)
union
select distinct number_key from core.patent where patent_id in (select patent_id from affected_patent)
