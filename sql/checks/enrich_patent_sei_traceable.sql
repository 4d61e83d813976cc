-- Every SEI label names its source and rule, and its category is one of the 40 SEI 2018 codes.
select patent_id, sei_code, source, rule
from enrich.patent_sei
where source not in ('vendor', 'concordance')
    or coalesce(rule, '') = ''
    or sei_code not in (select sei_code from enrich.sei_category)
    or sei_industry_code <> split_part(sei_code, '.', 1)
