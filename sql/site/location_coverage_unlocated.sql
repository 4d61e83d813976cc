-- Chongqing applicants that no path located (no address on any record, no registry row), most patents first:
-- the registry rows (data/reference/applicant_locations.csv) that would raise the 片区 coverage most.
with located as (
    select
        l.patent_id,
        coalesce(l.entity_id, 'name:' || e.name_key) as applicant,
        coalesce(e.display_name, e.name_key, l.entity_id) as applicant_name,
        l.rule in ('none', 'city') as is_unlocated,
        coalesce(l.city_code = '500100', false)
        or regexp_matches(coalesce(e.display_name, '') || ' ' || coalesce(e.name_key, ''), '重庆|chongqing', 'i')
            as is_chongqing
    from enrich.patent_location as l
    left join enrich.applicant_entity as e on e.entity_id = l.entity_id
),

per_applicant as (
    select
        applicant,
        min(applicant_name) as applicant_name,
        bool_and(is_unlocated) as never_located,
        count(distinct patent_id) as patent_count
    from located
    where is_chongqing
    group by applicant
),

final as (
    select applicant_name, patent_count
    from per_applicant
    where never_located
)

select * from final
order by patent_count desc, applicant_name
limit $limit
