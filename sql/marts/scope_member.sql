-- Scope membership every page and indicator reads: one row per scope × industry (or ALL) × patent, with
-- whether the patent counts at the headline and at the sensitivity threshold, and its facts.
create or replace table mart.scope_member as
with scope_patent as (
    select * from ind_scope_patent
),

fact as (
    select * from ind_patent_fact
),

final as (
    select scope_patent.scope_code, 'ALL' as industry_code, scope_patent.in_headline, scope_patent.in_sensitivity, fact.*
    from scope_patent
    inner join fact on fact.patent_id = scope_patent.patent_id
    union all
    select
        scope_patent.scope_code,
        fact.primary_industry_code as industry_code,
        scope_patent.in_headline,
        scope_patent.in_sensitivity,
        fact.*
    from scope_patent
    inner join fact on fact.patent_id = scope_patent.patent_id
    where fact.primary_industry_code is not null
)

select * from final
