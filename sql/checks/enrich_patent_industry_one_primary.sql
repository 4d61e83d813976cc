with counts as (
    select p.patent_id, count(i.patent_id) filter (where i.level = 1 and i.is_primary) as primaries
    from core.patent as p
    left join enrich.patent_industry as i on i.patent_id = p.patent_id
    group by p.patent_id
),
final as (
    select patent_id, primaries from counts where primaries <> 1
)
select * from final
