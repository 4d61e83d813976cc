-- The kept rows of the staged Parquet parts of raw.patent_party: the marked rows were quarantined.
select *
from read_parquet($parts)
where not (patent_id like '!orphan:%' or name_norm = '')
