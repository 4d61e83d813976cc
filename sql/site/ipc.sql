with member as (
    select * from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

final as (
    select classification.subclass as label, count(distinct member.patent_id) as count
    from member
    inner join core.classification as classification on classification.patent_id = member.patent_id
    where classification.scheme in ('IPC', 'CPC') and classification.subclass is not null
    group by classification.subclass
)

select * from final order by count desc, label limit $limit
