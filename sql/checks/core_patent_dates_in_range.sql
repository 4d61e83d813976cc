-- Same bounds as pipeline.normalize.parse_date: 1790-01-01 to the end of the year after next.
with bounds as (
    select date '1790-01-01' as low, make_date(year(current_date) + 2, 12, 31) as high
),

final as (
    select p.patent_id, p.application_date, p.publication_date, p.grant_date
    from core.patent as p, bounds as b
    where p.application_date not between b.low and b.high
       or p.publication_date not between b.low and b.high
       or p.grant_date not between b.low and b.high
       or (p.grant_date is not null and p.application_date is not null and p.grant_date < p.application_date)
)

select * from final
