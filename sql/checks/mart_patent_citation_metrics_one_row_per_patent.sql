-- Every core.patent has exactly one metrics row and no row is for an unknown patent.
with counts as (
    select patent.patent_id, count(metrics.patent_id) as row_count
    from core.patent as patent
    left join mart.patent_citation_metrics as metrics on metrics.patent_id = patent.patent_id
    group by all
),

final as (
    select patent_id, row_count from counts where row_count <> 1
    union all
    select patent_id, 1 as row_count from mart.patent_citation_metrics
    where patent_id not in (select patent_id from core.patent)
)

select * from final
