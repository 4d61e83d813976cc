-- Size, classes and an order-independent fingerprint of the text model's labelled set, per industry, without
-- moving a million texts into Python on nights that will not retrain.
with labelled as (
    select i.patent_id, i.industry_code
    from enrich.patent_industry as i
    inner join core.patent as p on p.patent_id = i.patent_id
    where i.level = 1 and i.is_primary and i.method = 'concordance' and coalesce(p.title, '') <> ''
),

final as (
    select
        industry_code,
        count(*) as documents,
        bit_xor(hash(patent_id || chr(9) || industry_code)) as xor_hash,
        sum(hash(patent_id || chr(9) || industry_code)) as sum_hash
    from labelled
    group by industry_code
)

select * from final order by industry_code
