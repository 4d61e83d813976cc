-- Every in-corpus patent with what the metrics need; the primary level-1 industry comes from nw_industry
-- (a view over enrich.patent_industry, or an empty stand-in when that table is absent).
with industry as (
    select patent_id, min(industry_code) as industry_code
    from nw_industry
    group by patent_id
),

final as (
    select
        patent.patent_id,
        coalesce(patent.filing_year, year(patent.publication_date)) as filing_year,
        industry.industry_code,
        patent.family_size,
        patent.claims_count,
        patent.cited_by_count_reported,
        patent.is_synthetic
    from core.patent as patent
    left join industry on industry.patent_id = patent.patent_id
)

select * from final order by patent_id
