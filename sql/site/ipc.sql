-- IPC composition: the page's patents per subclass (site_patent_subclass: sql/site/ipc_patent_subclass.sql).
with member as (
    select patent_id from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

final as (
    select subclass.subclass as label, count(distinct member.patent_id) as count
    from member
    inner join site_patent_subclass as subclass on subclass.patent_id = member.patent_id
    group by subclass.subclass
)

select * from final order by count desc, label limit $limit
