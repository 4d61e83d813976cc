-- Citation flows per 片区 (zone_code NULL = outside any zone or unknown): citations made by the zone's
-- patents, received by them, self-citations (same applicant entity at both ends), net flow = received - made.
create or replace table mart.zone_citation_flow as
with edges as (
    select distinct citing_patent_id as citing_id, cited_patent_id as cited_id
    from core.citation
    where cited_patent_id is not null and cited_patent_id <> citing_patent_id
),

zone_of as (
    select patent_id, zone_code from nw_zone where zone_code is not null and confidence >= $threshold
),

self_edges as (
    select distinct edges.citing_id, edges.cited_id
    from edges
    inner join nw_entity as a on a.patent_id = edges.citing_id
    inner join nw_entity as b on b.patent_id = edges.cited_id and b.entity_id = a.entity_id
),

made as (
    select
        zone_of.zone_code,
        count(*) as citations_made,
        count(self_edges.citing_id) as self_citations
    from edges
    left join zone_of on zone_of.patent_id = edges.citing_id
    left join self_edges on self_edges.citing_id = edges.citing_id and self_edges.cited_id = edges.cited_id
    group by all
),

received as (
    select zone_of.zone_code, count(*) as citations_received
    from edges
    left join zone_of on zone_of.patent_id = edges.cited_id
    group by all
),

final as (
    select
        coalesce(made.zone_code, received.zone_code) as zone_code,
        coalesce(made.citations_made, 0) as citations_made,
        coalesce(received.citations_received, 0) as citations_received,
        coalesce(made.self_citations, 0) as self_citations,
        case when coalesce(made.citations_made, 0) > 0
            then made.self_citations / made.citations_made end as self_citation_share,
        coalesce(received.citations_received, 0) - coalesce(made.citations_made, 0) as net_flow
    from made
    full outer join received on made.zone_code is not distinct from received.zone_code
)

select * from final order by zone_code nulls first
