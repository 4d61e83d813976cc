-- Patents whose SEI rows must be computed again: new or with other inputs than at the last build, and those
-- that no longer have any input (their rows are only deleted).
create or replace temp table sei_changed as
select n.patent_id
from sei_input_now as n
anti join enrich.patent_sei_input as o on o.patent_id = n.patent_id and o.input_hash = n.input_hash
union
select o.patent_id
from enrich.patent_sei_input as o
anti join sei_input_now as n on n.patent_id = o.patent_id
