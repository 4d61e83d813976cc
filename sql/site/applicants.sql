with member as (
    select * from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

final as (
    select
        applicant.entity_id,
        coalesce(any_value(entity.display_name), applicant.entity_id) as label,
        count(distinct member.patent_id) as count,
        min(member.filing_year) as first_year,
        max(member.filing_year) as last_year
    from member
    inner join mart.patent_applicant as applicant on applicant.patent_id = member.patent_id
    left join mart.applicant as entity on entity.entity_id = applicant.entity_id
    group by applicant.entity_id
)

select * from final order by count desc, entity_id limit $limit
