-- 技术功效矩阵: per scope × industry (as the pages read them, headline threshold) and branch scheme, the top
-- $max_branches technology branches (IPC main group of the main IPC; or topic) among patents with an efficacy,
-- × every efficacy of the vocabulary. A cell counts patents; an empty cell whose row or column holds a busy
-- cell (count >= greatest(2, ceil(largest cell of the matrix / 2))) is a candidate 空白点.
create or replace table mart.tech_efficacy_cell as
with member as (
    select distinct scope_code, industry_code, patent_id
    from mart.scope_member
    where in_headline
),

main_ipc as (
    select patent_id, main_group
    from core.classification
    where scheme = 'IPC' and main_group is not null
    qualify row_number() over (partition by patent_id order by is_main desc, sequence, main_group) = 1
),

branch_of as (
    select patent_id, 'ipc_group' as branch_scheme, main_group as branch_code, main_group as label_zh,
        main_group as label_en
    from main_ipc
    union all
    select patent_topic.patent_id, 'topic', patent_topic.topic_id, coalesce(topic.label_zh, patent_topic.topic_id),
        coalesce(topic.label_en, topic.label_zh, patent_topic.topic_id)
    from ind_patent_topic as patent_topic
    left join ind_topic as topic on topic.topic_id = patent_topic.topic_id
),

found as (
    select distinct member.scope_code, member.industry_code, branch_of.branch_scheme, branch_of.branch_code,
        branch_of.label_zh, branch_of.label_en, efficacy.patent_id, efficacy.efficacy_code
    from member
    inner join mart.patent_efficacy as efficacy on efficacy.patent_id = member.patent_id
    inner join branch_of on branch_of.patent_id = member.patent_id
),

branch_rank as (
    select scope_code, industry_code, branch_scheme, branch_code, any_value(label_zh) as label_zh,
        any_value(label_en) as label_en, count(distinct patent_id) as branch_patents,
        row_number() over (partition by scope_code, industry_code, branch_scheme
            order by count(distinct patent_id) desc, branch_code) as branch_rank
    from found
    group by scope_code, industry_code, branch_scheme, branch_code
),

grid as (
    select branch_rank.*, vocabulary.efficacy_code, vocabulary.name_zh as efficacy_zh,
        vocabulary.name_en as efficacy_en
    from branch_rank
    cross join nav_ref_efficacy as vocabulary
    where branch_rank.branch_rank <= $max_branches
),

-- found holds a (scope, branch, efficacy) and patent once, so a cell counts rows; cells are aggregated on their
-- five keys before they meet the grid (grouping the grid's label columns too cost most of this statement).
cell as (
    select found.scope_code, found.industry_code, found.branch_scheme, found.branch_code, found.efficacy_code,
        count(*) as patent_count, string_agg(found.patent_id, '|' order by found.patent_id) as patent_ids
    from found
    semi join branch_rank as top
        on top.scope_code = found.scope_code and top.industry_code = found.industry_code
        and top.branch_scheme = found.branch_scheme and top.branch_code = found.branch_code
        and top.branch_rank <= $max_branches
    group by found.scope_code, found.industry_code, found.branch_scheme, found.branch_code, found.efficacy_code
),

counted as (
    select grid.*, coalesce(cell.patent_count, 0) as patent_count, coalesce(cell.patent_ids, '') as patent_ids
    from grid
    left join cell
        on cell.scope_code = grid.scope_code and cell.industry_code = grid.industry_code
        and cell.branch_scheme = grid.branch_scheme and cell.branch_code = grid.branch_code
        and cell.efficacy_code = grid.efficacy_code
),

busy as (
    select *,
        max(patent_count) over (partition by scope_code, industry_code, branch_scheme, branch_code) as row_max,
        max(patent_count) over (partition by scope_code, industry_code, branch_scheme, efficacy_code) as column_max,
        greatest(2, ceil(max(patent_count) over (partition by scope_code, industry_code, branch_scheme) / 2.0))
            as busy_min
    from counted
)

select
    scope_code::varchar as scope_code,
    industry_code::varchar as industry_code,
    branch_scheme::varchar as branch_scheme,
    branch_rank::integer as branch_rank,
    branch_code::varchar as branch_code,
    label_zh::varchar as branch_zh,
    label_en::varchar as branch_en,
    branch_patents::bigint as branch_patents,
    efficacy_code::varchar as efficacy_code,
    efficacy_zh::varchar as efficacy_zh,
    efficacy_en::varchar as efficacy_en,
    patent_count::bigint as patent_count,
    patent_ids::varchar as patent_ids,
    busy_min::integer as busy_min,
    (patent_count = 0 and (row_max >= busy_min or column_max >= busy_min)) as is_blank_candidate
from busy
order by scope_code, industry_code, branch_scheme, branch_rank, efficacy_code
