-- Each patent's technology fields: WIPO's 35 fields (most specific concordance row wins) and IPC subclasses.
create or replace temp table nav_patent_field as
with symbol as (
    select distinct
        patent_id,
        upper(subclass) as subclass,
        try_cast(split_part(trim(substr(replace(symbol, ' ', ''), 5)), '/', 1) as integer) as main_group
    from core.classification
    where scheme in ('IPC', 'CPC') and length(subclass) = 4
),

wipo as (
    select
        field_number, field_zh, field_en, sector_en, ipc_subclass,
        try_cast(nullif(ipc_main_group, '') as integer) as ipc_main_group
    from nav_ref_wipo
),

matched as (
    select
        symbol.patent_id,
        symbol.subclass,
        symbol.main_group,
        wipo.field_number,
        wipo.field_zh,
        wipo.field_en,
        wipo.sector_en,
        row_number() over (
            partition by symbol.patent_id, symbol.subclass, symbol.main_group
            order by wipo.ipc_main_group is null, wipo.field_number
        ) as specificity
    from symbol
    inner join wipo
        on wipo.ipc_subclass = symbol.subclass
        and (wipo.ipc_main_group is null or wipo.ipc_main_group = symbol.main_group)
),

final as (
    select distinct
        patent_id, 'wipo35' as field_scheme, field_number::varchar as field_code, field_zh, field_en,
        sector_en as field_group
    from matched
    where specificity = 1
    union all
    select distinct patent_id, 'ipc_subclass', subclass, subclass, subclass, left(subclass, 3)
    from symbol
)

select * from final
