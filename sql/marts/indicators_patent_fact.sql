create or replace temp table ind_patent_fact as
with patent as (
    select * from core.patent
),

industry as (
    select * from ind_patent_industry
),

final as (
    select
        patent.patent_id,
        patent.filing_year,
        patent.application_date,
        industry.industry_code as primary_industry_code,
        coalesce(
            patent.grant_date is not null
            or patent.doc_type = 'grant'
            or patent.kind like 'B%'
            or patent.kind in ('C', 'U', 'Y', 'S'),
            false
        ) as is_grant,
        case
            when patent.doc_type = 'utility_model' then 'utility_model'
            when patent.doc_type = 'design' then 'design'
            else 'invention'
        end as patent_type,
        coalesce(nullif(trim(patent.pct_number), ''), null) is not null as is_pct,
        patent.is_synthetic
    from patent
    left join industry on industry.patent_id = patent.patent_id
)

select * from final
