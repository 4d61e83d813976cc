create or replace table core.party as
with final as (
    select
        party_id,
        any_value(name_norm) as name_norm,
        mode(party_type) as party_type,
        any_value(country) as country,
        count(distinct patent_id) as patent_count
    from core.patent_party
    group by party_id
)

select * from final order by party_id
