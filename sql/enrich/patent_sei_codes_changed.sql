-- IPC/CPC symbols per patent in source order (main first), the input of the SEI concordance; only the patents
-- whose inputs changed since the last build (sei_changed).
select patent_id, list(symbol order by is_main desc, sequence) as symbols
from core.classification
where scheme in ('IPC', 'CPC') and patent_id in (select patent_id from sei_changed)
group by patent_id
