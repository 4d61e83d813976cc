-- PageRank over all patents sums to 1 (within float tolerance) whenever there are patents.
with total as (
    select count(*) as patents, sum(pagerank) as pagerank_sum from mart.patent_citation_metrics
),

final as (
    select patents, pagerank_sum from total where patents > 0 and abs(pagerank_sum - 1.0) > 1e-6
)

select * from final
