with member as (
    select * from mart.scope_member
    where scope_code = $scope and industry_code = $industry and in_headline and filing_year is not null
),

applicants as (
    select member.filing_year, count(distinct applicant.entity_id) as applicants
    from member
    inner join mart.patent_applicant as applicant on applicant.patent_id = member.patent_id
    group by member.filing_year
),

final as (
    select member.filing_year, count(*) as applications, coalesce(any_value(applicants.applicants), 0) as applicants
    from member
    left join applicants on applicants.filing_year = member.filing_year
    group by member.filing_year
)

select * from final order by filing_year
