-- Texts the efficacy extraction reads, one row per patent and field (abstract in the record's language, the
-- English abstract, the first claim in both languages), and incoPat's own 技术功效 phrases.
select patent.patent_id, 'abstract' as source_field, patent.abstract as body
from core.patent as patent
where patent.abstract is not null
union all
select detail.patent_id, 'abstract_en', detail.abstract_en
from core.patent_detail as detail
where detail.abstract_en is not null
union all
select detail.patent_id, 'first_claim', detail.first_claim
from core.patent_detail as detail
where detail.first_claim is not null
union all
select detail.patent_id, 'first_claim_en', detail.first_claim_en
from core.patent_detail as detail
where detail.first_claim_en is not null
union all
select vendor.patent_id, 'vendor:' || vendor.scheme, vendor.code
from core.vendor_classification as vendor
where vendor.scheme in ('efficacy_phrase', 'efficacy_level1', 'efficacy_level2', 'efficacy_level3')
order by 1, 2
