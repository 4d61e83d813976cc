-- What each patent's SEI labels are computed from, as one 64-bit hash: its IPC/CPC symbols in source order (main
-- first) and incoPat's 新兴产业分类 labels and codes. A patent whose hash is unchanged keeps yesterday's rows.
create or replace temp table sei_input_now as
with symbols as (
    select patent_id, list(symbol order by is_main desc, sequence) as symbols
    from core.classification
    where scheme in ('IPC', 'CPC')
    group by patent_id
),

-- the set of (code, label) pairs, hashed regardless of order: the same set gives the same label lists
vendor as (
    select patent_id, sum(hash(code, label)) as pairs_hash
    from (select distinct patent_id, code, coalesce(label, '') as label from core.vendor_classification where scheme = 'sei')
    group by patent_id
),

final as (
    select
        coalesce(s.patent_id, v.patent_id) as patent_id,
        hash(s.symbols, v.pairs_hash) as input_hash
    from symbols as s
    full outer join vendor as v on v.patent_id = s.patent_id
)

select * from final
