with member as (
    select * from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

first_applicant as (
    select applicant.patent_id, arg_min(coalesce(entity.display_name, applicant.entity_id), applicant.entity_id) as applicant
    from mart.patent_applicant as applicant
    left join mart.applicant as entity on entity.entity_id = applicant.entity_id
    group by applicant.patent_id
),

final as (
    select
        member.patent_id,
        patent_topic.x,
        patent_topic.y,
        patent_topic.topic_id::varchar as topic,
        coalesce(patent.title, '') as title,
        coalesce(first_applicant.applicant, '') as applicant,
        coalesce(cast(patent.application_date as varchar), '') as date
    from member
    inner join enrich.patent_topic as patent_topic on patent_topic.patent_id = member.patent_id
    inner join core.patent as patent on patent.patent_id = member.patent_id
    left join first_applicant on first_applicant.patent_id = member.patent_id
    where patent_topic.x is not null and patent_topic.y is not null
)

-- A stable pseudo-random sample keeps large pages small and identical from run to run.
select * from final order by hash(patent_id), patent_id limit $limit
