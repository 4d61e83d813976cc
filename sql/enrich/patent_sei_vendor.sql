-- incoPat's 新兴产业分类 per patent (code as written, label), the vendor's own SEI annotation, in a fixed order (the
-- first value that maps names the SEI rule).
select
    patent_id,
    list(distinct coalesce(label, '') order by coalesce(label, '')) as labels,
    list(distinct code order by code) as codes
from core.vendor_classification
where scheme = 'sei'
group by patent_id
