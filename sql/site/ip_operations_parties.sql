-- Top counterparties of a scope's IP operations: the receiving side (受让人 who buys, 被许可人 who licenses in,
-- 质权人) and the granting side (转让人, 许可人, 出质人), $top_n per side.
with operation as (
    select *
    from mart.ip_operation
    where scope_code = $scope and ($industry = 'ALL' or industry_code = $industry)
),

side as (
    select 'in' as direction, operation_type, patent_id, unnest(string_split(party_to, '; ')) as party
    from operation
    where party_to is not null
    union all
    select 'out' as direction, operation_type, patent_id, unnest(string_split(party_from, '; ')) as party
    from operation
    where party_from is not null
),

counted as (
    select direction, operation_type, party, count(*) as event_count, count(distinct patent_id) as patent_count
    from side
    group by all
),

ranked as (
    select
        *,
        row_number() over (partition by direction order by event_count desc, patent_count desc, party,
            operation_type) as party_rank
    from counted
)

select
    direction,
    party_rank,
    party,
    operation_type,
    case operation_type
        when 'transfer' then case direction when 'in' then '受让人' else '转让人' end
        when 'licence' then case direction when 'in' then '被许可人' else '许可人' end
        else case direction when 'in' then '质权人' else '出质人' end
    end as party_role_zh,
    event_count,
    patent_count
from ranked
where party_rank <= $top_n
order by direction, party_rank
