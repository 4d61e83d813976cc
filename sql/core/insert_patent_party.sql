with winners as (
    select patent_id, file_id from core.patent
    where patent_id in (select patent_id from affected_patent)
),

final as (
    select
        pp.patent_id, pp.role, pp.sequence,
        substr(md5(pp.name_norm || '|' || coalesce(pp.country, '')), 1, 16) as party_id,
        pp.party_type, pp.name_raw, pp.name_norm, pp.country, pp.state, pp.city, pp.address_raw,
        pp.postcode, pp.file_id, pp.county
    from raw.patent_party as pp
    join winners as w on w.patent_id = pp.patent_id and w.file_id = pp.file_id
)

insert into core.patent_party by name select * from final
