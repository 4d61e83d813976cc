-- Which of the five CNIPA criteria the data lets us evaluate, over the in-force invention patents, with how many
-- meet each before (interim SEI concordance) and after (adopted CNIPA 2021 concordance) issue 22; the last row is
-- the high-value total (any criterion).
create or replace table mart.high_value_criterion as
with patent as (
    select * from mart.high_value_patent
),

classified as (
    select count(distinct patent.patent_id) as n
    from patent
    where patent.patent_id in (select patent_id from core.classification)
        or patent.patent_id in (select patent_id from core.vendor_classification where scheme = 'sei')
),

sei_sources as (
    select
        count(*) filter (where sei_source = 'vendor') as vendor_n,
        count(*) filter (where sei_source = 'concordance') as concordance_n
    from patent
),

with_family as (
    select count(*) as n
    from patent
    where patent.patent_id in (select patent_id from core.family_member)
        or patent.patent_id in (select patent_id from core.patent where family_id is not null)
),

with_status as (
    select count(*) as n from patent where in_force_basis = 'legal_status' and application_date is not null
),

with_events as (
    select count(*) as n from patent where patent_id in (select patent_id from core.legal_event)
),

criterion as (
    select 1 as criterion_order, 'sei' as criterion, '属于战略性新兴产业' as name_zh,
        'Belongs to a strategic emerging industry' as name_en,
        (select n from classified) as patents_with_data,
        (select count(*) from patent where is_sei) as met_count,
        (select count(*) from patent where is_sei_interim) as met_count_interim,
        (select count(*) from nav_patent_sei) > 0 or (select n from classified) > 0 as concordance_present
    union all
    select 2, 'foreign_grant', '在海外有同族专利权', 'Granted family member abroad', (select n from with_family),
        (select count(*) from patent where has_foreign_grant), (select count(*) from patent where has_foreign_grant), true
    union all
    select 3, 'maintained_10y', '维持年限超过10年', 'Maintained for more than 10 years', (select n from with_status),
        (select count(*) from patent where maintained_over_10y), (select count(*) from patent where maintained_over_10y),
        true
    union all
    select 4, 'pledge', '实现较高质押融资金额', 'Pledged (large sum)', (select n from with_events),
        (select count(*) from patent where is_pledged), (select count(*) from patent where is_pledged), true
    union all
    select 5, 'award', '获得国家科学技术奖或中国专利奖', 'China Patent Award or national S&T award',
        (select count(*) from nav_ref_awards), (select count(*) from patent where has_award),
        (select count(*) from patent where has_award), true
    union all
    select 6, 'any', '高价值发明专利（满足任一标准）', 'High value (any criterion)', (select count(*) from patent),
        (select count(*) from patent where is_high_value), (select count(*) from patent where is_high_value_interim), true
),

final as (
    select
        criterion_order,
        criterion,
        name_zh,
        name_en,
        patents_with_data,
        met_count,
        met_count_interim,
        (select count(*) from patent) as in_force_count,
        case when criterion = 'sei' then $concordance_version end as concordance_version,
        patents_with_data > 0 and concordance_present as is_evaluable,
        case
            when not (patents_with_data > 0 and concordance_present) then '无数据，未评估'
            when criterion = 'pledge' then '质押来自法律事件；金额未知，凡质押即计入'
            when criterion = 'sei' then 'incoPat 战新标注优先（' || (select vendor_n from sei_sources) || ' 件），否则按'
                || '《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》转录版（' || (select concordance_n from sei_sources)
                || ' 件）；每件的依据行见 enrich.patent_sei.rule；调整前（过渡版参照表）' || met_count_interim || ' 件'
            when criterion = 'any' then '调整前（过渡版战新参照表）' || met_count_interim || ' 件'
            when criterion = 'award' then '按 data/reference/patent_awards.csv 名单'
            else '已评估'
        end as note_zh,
        case
            when not (patents_with_data > 0 and concordance_present) then 'no data: not evaluated'
            when criterion = 'pledge' then 'pledges from legal events; amounts unknown, every pledge counts'
            when criterion = 'sei' then 'incoPat SEI annotation first (' || (select vendor_n from sei_sources)
                || '), else the transcribed CNIPA 2021 SEI–IPC concordance (' || (select concordance_n from sei_sources)
                || '); the row that decided is in enrich.patent_sei.rule; before (interim concordance): ' || met_count_interim
            when criterion = 'any' then 'before (interim SEI concordance): ' || met_count_interim
            when criterion = 'award' then 'from the list in data/reference/patent_awards.csv'
            else 'evaluated'
        end as note_en
    from criterion
)

select * from final
order by criterion_order
