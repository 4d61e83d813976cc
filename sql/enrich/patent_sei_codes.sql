-- IPC/CPC symbols per patent in source order (main first), the input of the SEI concordance.
select patent_id, list(symbol order by is_main desc, sequence) as symbols
from core.classification
where scheme in ('IPC', 'CPC')
group by patent_id
