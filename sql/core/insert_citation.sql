-- Duplicate references within one citing document collapse to the first; cited_patent_id is resolved later.
with winners as (
    select patent_id, file_id from core.patent
    where patent_id in (select patent_id from affected_patent)
),

final as (
    select
        c.citing_patent_id, c.sequence, c.cited_ref_raw, c.cited_patent_ref, c.cited_number_key,
        null::varchar as cited_patent_id, c.cited_country, c.cited_date, c.category, c.is_npl, c.file_id
    from raw.citation as c
    join winners as w on w.patent_id = c.citing_patent_id and w.file_id = c.file_id
    qualify row_number() over (
        partition by c.citing_patent_id, coalesce(c.cited_number_key, c.cited_ref_raw) order by c.sequence
    ) = 1
)

insert into core.citation by name select * from final
