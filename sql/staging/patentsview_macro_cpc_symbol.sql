-- CPC/IPC symbol in pipeline.normalize.normalize_ipc form ('H01L 21/02'); a group-less row gives its subclass.
create or replace temp macro pv_cpc_symbol(subclass, cpc_group) as (
    case
        when regexp_full_match(replace(upper(cpc_group), ' ', ''), '[A-HY][0-9]{2}[A-Z][0-9]{1,4}/[0-9]{1,6}')
            then regexp_extract(replace(upper(cpc_group), ' ', ''), '^([A-HY][0-9]{2}[A-Z])', 1)
                || ' '
                || coalesce(nullif(ltrim(regexp_extract(replace(upper(cpc_group), ' ', ''), '^[A-HY][0-9]{2}[A-Z]([0-9]+)/', 1), '0'), ''), '0')
                || '/'
                -- zeros past the second subgroup digit carry no meaning (as normalize_ipc)
                || rpad(rtrim(regexp_extract(cpc_group, '/\s*([0-9]+)\s*$', 1), '0'), greatest(2, length(rtrim(regexp_extract(cpc_group, '/\s*([0-9]+)\s*$', 1), '0')))::integer, '0')
        when regexp_full_match(upper(trim(subclass)), '[A-HY][0-9]{2}[A-Z]') then upper(trim(subclass))
    end
)
