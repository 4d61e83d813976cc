with member as (
    select patent_id from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

page_entity as (
    select distinct applicant.entity_id
    from member
    inner join mart.patent_applicant as applicant on applicant.patent_id = member.patent_id
),

final as (
    select
        edge.entity_a,
        coalesce(a.display_name, edge.entity_a) as label_a,
        edge.entity_b,
        coalesce(b.display_name, edge.entity_b) as label_b,
        edge.patent_count,
        edge.link_type
    from mart.collaboration_edge as edge
    inner join page_entity as pa on pa.entity_id = edge.entity_a
    inner join page_entity as pb on pb.entity_id = edge.entity_b
    left join mart.applicant as a on a.entity_id = edge.entity_a
    left join mart.applicant as b on b.entity_id = edge.entity_b
)

select * from final order by patent_count desc, entity_a, entity_b limit $limit
