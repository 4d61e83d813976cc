-- One row per party. A party's type and country are the most frequent ones it is named with, ties broken
-- alphabetically (mode() and any_value() broke ties differently run to run, so a re-run after a crash could type
-- the same party differently).
create or replace table core.party as
with typed as (
    select party_id, party_type, count(*) as mention_count
    from core.patent_party
    where party_type is not null
    group by all
),

best_type as (
    select party_id, party_type
    from typed
    qualify row_number() over (partition by party_id order by mention_count desc, party_type) = 1
),

located as (
    select party_id, country, count(*) as mention_count
    from core.patent_party
    where country is not null
    group by all
),

best_country as (
    select party_id, country
    from located
    qualify row_number() over (partition by party_id order by mention_count desc, country) = 1
),

named as (
    select party_id, min(name_norm) as name_norm, count(distinct patent_id) as patent_count
    from core.patent_party
    group by party_id
),

final as (
    select named.party_id, named.name_norm, best_type.party_type, best_country.country, named.patent_count
    from named
    left join best_type on best_type.party_id = named.party_id
    left join best_country on best_country.party_id = named.party_id
)

select * from final order by party_id
