-- The strongest co-application links with each applicant's display name (the entity id when it has none).
with edge as (
    select entity_a, entity_b, patent_count, link_type
    from mart.collaboration_edge
    order by patent_count desc, entity_a, entity_b
    limit $n
),

label as (
    select entity_id, min(display_name) as display_name
    from mart.applicant
    group by entity_id
),

final as (
    select
        edge.entity_a,
        edge.entity_b,
        edge.patent_count,
        edge.link_type,
        coalesce(label_a.display_name, edge.entity_a) as label_a,
        coalesce(label_b.display_name, edge.entity_b) as label_b
    from edge
    left join label as label_a on label_a.entity_id = edge.entity_a
    left join label as label_b on label_b.entity_id = edge.entity_b
)

select * from final
order by patent_count desc, entity_a, entity_b
