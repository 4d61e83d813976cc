select patent_id, scheme, symbol
from core.classification
where scheme in ('IPC', 'CPC')
  and not regexp_full_match(symbol, '[A-HY][0-9]{2}[A-Z]( [0-9]{1,4}/[0-9]{2,6})?')
