-- Co-applicant network: two entities on the same patent; link_type is the two entity types in alphabetical
-- order (e.g. 'company-university' for 产学研 links).
create or replace table mart.collaboration_edge as
with pairs as (
    select
        a.entity_id as entity_a,
        b.entity_id as entity_b,
        least(a.entity_type, b.entity_type) || '-' || greatest(a.entity_type, b.entity_type) as link_type,
        a.patent_id
    from nw_entity as a
    inner join nw_entity as b on b.patent_id = a.patent_id and a.entity_id < b.entity_id
),

final as (
    select entity_a, entity_b, count(distinct patent_id) as patent_count, min(link_type) as link_type
    from pairs
    group by entity_a, entity_b
)

select * from final order by entity_a, entity_b
