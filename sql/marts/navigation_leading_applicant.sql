-- Leading applicants of each 片区: the top $top_n entities by patents counted in the 片区 at the headline
-- threshold (ties by name); each gets a dossier page (企业分析评议).
create or replace table mart.leading_applicant as
with counted as (
    select member.scope_code, applicant.entity_id, count(distinct member.patent_id) as patent_count
    from mart.scope_member as member
    inner join mart.patent_applicant as applicant on applicant.patent_id = member.patent_id
    where member.in_headline and member.industry_code = 'ALL' and member.scope_code like 'CQFTZ-%'
    group by all
),

ranked as (
    select counted.*, names.display_name,
        row_number() over (partition by counted.scope_code
            order by counted.patent_count desc, names.display_name, counted.entity_id) as applicant_rank
    from counted
    left join mart.applicant as names on names.entity_id = counted.entity_id
)

select
    scope_code::varchar as scope_code,
    applicant_rank::integer as applicant_rank,
    entity_id::varchar as entity_id,
    coalesce(display_name, entity_id)::varchar as display_name,
    patent_count::bigint as patent_count
from ranked
where applicant_rank <= $top_n
order by scope_code, applicant_rank
