-- The page's 技术功效矩阵: topics when this page has topic branches, else IPC main groups.
with chosen as (
    select case when count(*) filter (where branch_scheme = 'topic') > 0 then 'topic' else 'ipc_group' end as scheme
    from mart.tech_efficacy_cell
    where scope_code = $scope and industry_code = $industry
)

select cell.*
from mart.tech_efficacy_cell as cell
inner join chosen on chosen.scheme = cell.branch_scheme
where cell.scope_code = $scope and cell.industry_code = $industry
order by cell.branch_rank, cell.efficacy_code
