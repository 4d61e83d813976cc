-- The kept g_patent rows by canonical number, for the child tables to find their patent (a temp table of the
-- staging connection; the children join it on pv_us_number(patent_id)).
create or replace temp table pv_kept_patent as
select number, 'US' || number || coalesce(kind, '') as patent_id
from pv_patent
where number is not null and occurrence = 1
