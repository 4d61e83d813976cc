-- Position against peers: applicants of Chongqing ranked by patents in the applicant's main industry.
with main_industry as (
    select fact.primary_industry_code as industry_code
    from mart.patent_applicant as applicant
    inner join mart.scope_member as fact on fact.patent_id = applicant.patent_id
    where applicant.entity_id = $entity and fact.scope_code = 'ALL' and fact.industry_code = 'ALL'
        and fact.primary_industry_code is not null
    group by all
    order by count(*) desc, fact.primary_industry_code
    limit 1
),

ranked as (
    select main_industry.industry_code, applicant.entity_id, count(distinct member.patent_id) as patent_count,
        rank() over (order by count(distinct member.patent_id) desc) as industry_rank
    from main_industry
    inner join mart.scope_member as member
        on member.industry_code = main_industry.industry_code and member.scope_code = 'CQ' and member.in_headline
    inner join mart.patent_applicant as applicant on applicant.patent_id = member.patent_id
    group by all
)

select ranked.industry_code, ranked.industry_rank, ranked.entity_id,
    coalesce(names.display_name, ranked.entity_id) as display_name, ranked.patent_count,
    ranked.entity_id = $entity as is_self
from ranked
left join mart.applicant as names on names.entity_id = ranked.entity_id
where ranked.industry_rank <= 10 or ranked.entity_id = $entity
order by ranked.industry_rank, display_name
