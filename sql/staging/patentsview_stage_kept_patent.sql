-- The file's kept patents by canonical number (the ids patentsview_insert_patent.sql gave them), for the child
-- tables to find their patent: a temp table of the staging connection that the children join on
-- pv_us_number(patent_id), so no child row builds the 'US' || number key.
create or replace temp table pv_kept_patent as
select substr(number_key, 3) as number, patent_id
from raw.patent
where file_id = $file_id
