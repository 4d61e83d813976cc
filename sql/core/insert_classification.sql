with winners as (
    select patent_id, file_id from core.patent
    where patent_id in (select patent_id from affected_patent)
),

final as (
    select
        c.patent_id, c.scheme, c.symbol,
        left(c.symbol, 4) as subclass,
        case when contains(c.symbol, '/') then split_part(c.symbol, '/', 1) || '/00' end as main_group,
        c.is_main, c.sequence, c.file_id
    from raw.classification as c
    join winners as w on w.patent_id = c.patent_id and w.file_id = c.file_id
    qualify row_number() over (partition by c.patent_id, c.scheme, c.symbol order by c.is_main desc, c.sequence) = 1
)

insert into core.classification by name select * from final
