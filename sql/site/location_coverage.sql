-- How the Chongqing applicants were located, for the index page: one row per method (direct_address,
-- other_record, registry, not_located) with the number of Chongqing applicants whose best location came that way
-- and the number of patents whose best-located Chongqing applicant did. A Chongqing applicant is one located in
-- Chongqing by any path, or whose name says 重庆 / Chongqing. A 'city'-only address (重庆市) is not located.
with located as (
    select
        l.patent_id,
        coalesce(l.entity_id, 'name:' || e.name_key) as applicant,
        case
            when l.rule like 'applicant_other_record:%' then 2
            when l.rule like 'registry:%' then 3
            when l.rule not in ('none', 'city') then 1
            else 4
        end as method_rank,
        coalesce(l.city_code = '500100', false)
        or regexp_matches(coalesce(e.display_name, '') || ' ' || coalesce(e.name_key, ''), '重庆|chongqing', 'i')
            as is_chongqing
    from enrich.patent_location as l
    left join enrich.applicant_entity as e on e.entity_id = l.entity_id
),

chongqing as (
    select * from located where is_chongqing
),

methods as (
    select * from (values
        (1, 'direct_address'), (2, 'other_record'), (3, 'registry'), (4, 'not_located')
    ) as m (method_rank, method)
),

by_applicant as (
    select applicant, min(method_rank) as method_rank from chongqing group by applicant
),

by_patent as (
    select patent_id, min(method_rank) as method_rank from chongqing group by patent_id
),

final as (
    select
        m.method_rank,
        m.method,
        (select count(*) from by_applicant as a where a.method_rank = m.method_rank) as chongqing_applicants,
        (select count(*) from by_patent as p where p.method_rank = m.method_rank) as patents
    from methods as m
)

select method, chongqing_applicants, patents from final order by method_rank
