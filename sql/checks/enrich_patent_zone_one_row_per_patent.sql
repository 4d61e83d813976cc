with counts as (
    select p.patent_id, count(z.patent_id) as zone_rows
    from core.patent as p
    left join enrich.patent_zone as z using (patent_id)
    group by p.patent_id
),

final as (
    select * from counts where zone_rows <> 1
)

select * from final
