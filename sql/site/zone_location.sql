-- How the patents of a page (at the headline threshold) were located, real and synthetic apart: by the address
-- filed on the record, by the same applicant's address on another record, or by the applicant registry.
with members as (
    select m.patent_id, m.is_synthetic, z.rule
    from mart.scope_member as m
    left join enrich.patent_zone as z on z.patent_id = m.patent_id
    where m.scope_code = $scope and m.industry_code = $industry and m.in_headline
),

methods as (
    select * from (values
        (1, 'direct_address'), (2, 'other_record'), (3, 'registry')
    ) as m (method_rank, method)
),

by_method as (
    select
        case
            when rule like 'applicant_other_record:%' then 'other_record'
            when rule like 'registry:%' then 'registry'
            else 'direct_address'
        end as method,
        count(*) filter (where not is_synthetic) as real_count,
        count(*) filter (where is_synthetic) as synthetic_count
    from members
    group by 1
),

final as (
    select
        m.method,
        coalesce(b.real_count, 0) as real_count,
        coalesce(b.synthetic_count, 0) as synthetic_count
    from methods as m
    left join by_method as b on b.method = m.method
    order by m.method_rank
)

select * from final
