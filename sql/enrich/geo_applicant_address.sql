-- Every address an applicant (by normalised name) filed with, located in Chongqing or elsewhere, with how many of
-- its patents carry it and the first and last filing dates: the evidence that locates the same applicant's
-- records in exports without an address. is_usual marks the address it filed with most (ties: the latest, then
-- the most precise attribution).
create or replace table enrich.applicant_address as
with filed as (
    select
        p.name_key, p.address, a.zone_code, a.subarea_code, a.district_code, a.city_code, a.province_code,
        a.confidence, a.rule, a.matched_text, a.district_rule, a.district_confidence,
        count(distinct p.patent_id) as filed_count,
        min(p.application_date) as first_filing_date,
        max(p.application_date) as last_filing_date
    from geo_party as p
    join _address_attribution as a on a.address_key = p.address_key
    where p.name_key is not null and a.rule not in ('none', 'city')
    group by all
),

final as (
    select
        *,
        filed_count / sum(filed_count) over (partition by name_key) as filed_share,
        row_number() over (
            partition by name_key
            order by filed_count desc, last_filing_date desc nulls last, confidence desc, district_confidence desc,
                address
        ) = 1 as is_usual
    from filed
)

select * from final order by name_key, filed_count desc, address
