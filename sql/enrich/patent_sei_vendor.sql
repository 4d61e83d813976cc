-- incoPat's 新兴产业分类 per patent (code as written, label), the vendor's own SEI annotation.
select patent_id, list(distinct coalesce(label, '')) as labels, list(distinct code) as codes
from core.vendor_classification
where scheme = 'sei'
group by patent_id
