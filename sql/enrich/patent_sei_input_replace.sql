-- The inputs the rows of enrich.patent_sei were computed from, for the next build to compare against.
create or replace table enrich.patent_sei_input as
select patent_id, input_hash, $labels_version as labels_version
from sei_input_now
