-- The kept rows of the staged Parquet parts of raw.citation: the marked rows were quarantined.
select *
from read_parquet($parts)
where not (citing_patent_id like '!orphan:%' or cited_ref_raw = '')
