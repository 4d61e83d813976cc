-- Record X listing Y among the documents citing it (被引证专利) means Y cites X. The row is added only when Y is in
-- the corpus (core.citation's citing side is a corpus document) and Y's own reference list does not already
-- name X. Sequences start above 1,000,000 so they never meet the citing document's own list.
with by_number_key as (
    select number_key, min(patent_id) as patent_id
    from core.patent
    where number_key in (select citing_number_key from core.cited_by)
    group by number_key
),

pairs as (
    select
        y.patent_id as citing_patent_id,
        x.patent_id as cited_patent_id,
        x.number_key as cited_number_key,
        x.jurisdiction as cited_country,
        c.file_id
    from core.cited_by as c
    join core.patent as x on x.patent_id = c.cited_patent_id
    join by_number_key as y on y.number_key = c.citing_number_key and y.patent_id <> x.patent_id
    where x.patent_id in (select patent_id from affected_patent)
       or y.patent_id in (select patent_id from affected_patent)
    qualify row_number() over (partition by y.patent_id, x.number_key order by c.file_id, c.sequence) = 1
),

fresh as (
    select p.*
    from pairs as p
    where not exists (
        select 1 from core.citation as e
        where e.citing_patent_id = p.citing_patent_id and e.cited_number_key = p.cited_number_key
    )
),

numbered as (
    select
        f.*,
        greatest(coalesce(m.max_sequence, 0), 1000000)
        + row_number() over (partition by f.citing_patent_id order by f.cited_patent_id) as sequence
    from fresh as f
    left join (
        select citing_patent_id, max(sequence) as max_sequence
        from core.citation
        where citing_patent_id in (select citing_patent_id from fresh)
        group by citing_patent_id
    ) as m on m.citing_patent_id = f.citing_patent_id
),

final as (
    select
        citing_patent_id, sequence::integer as sequence, cited_patent_id as cited_ref_raw,
        cited_patent_id as cited_patent_ref, cited_number_key, cited_patent_id, cited_country,
        null::date as cited_date, 'citing_list' as category, false as is_npl, file_id
    from numbered
)

insert into core.citation by name select * from final
