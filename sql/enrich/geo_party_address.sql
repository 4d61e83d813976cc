-- What each applicant (or stand-in assignee) says about where it is: the address text where the source gives one
-- (else city, state and country joined), its postcode, province and county fields, and the era of its filing
-- date (how many dated place-name changes precede it: 北部新区, 高新区 and 两江新区 read differently across
-- eras). address_key joins these into the cache key of enrich.address_attribution.
create or replace temp table geo_party as
with parties as (
    select
        pp.*,
        bool_or(pp.role = 'applicant') over (partition by pp.patent_id) as has_applicant
    from core.patent_party as pp
    where pp.role in ('applicant', 'assignee')
),

located as (
    select
        p.patent_id, p.sequence, p.role, n.entity_id, n.name_key, pat.application_date,
        coalesce(nullif(trim(p.address_raw), ''), nullif(concat_ws(', ', p.city, p.state, p.country), ''))
            as address,
        nullif(trim(p.postcode), '') as postcode,
        nullif(trim(p.state), '') as province,
        nullif(trim(p.county), '') as county,
        len(list_filter($boundaries::date[], lambda b: b <= coalesce(pat.application_date, date '9999-12-31'))) as era
    from parties as p
    left join geo_name_entity as n on n.name_norm = p.name_norm
    left join core.patent as pat on pat.patent_id = p.patent_id
    where p.role = 'applicant' or not p.has_applicant
),

final as (
    select
        *,
        if(
            address is null, null,
            concat_ws(chr(31), address, coalesce(postcode, ''), coalesce(province, ''), coalesce(county, ''), era)
        ) as address_key
    from located
)

select * from final
