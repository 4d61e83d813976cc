-- Size, growth (filings in the last 3 years vs the 3 before, last year = the newest filing year of the whole
-- landscape) and centre (median position) of every topic from its current members. Labels stay as fitted.
update enrich.topic as t
set size = coalesce(s.size, 0), growth_pct = s.growth_pct, x = s.x, y = s.y
from (
    with last as (select max(filing_year) as last_year from topic_document),
    members as (
        select pt.topic_id, pt.x, pt.y, d.filing_year, last.last_year
        from enrich.patent_topic as pt
        inner join topic_document as d on d.patent_id = pt.patent_id
        cross join last
    )
    select
        t2.topic_id,
        count(m.topic_id) as size,
        case
            when count(*) filter (where m.filing_year between m.last_year - 5 and m.last_year - 3) = 0 then null
            else round(100.0 * (
                count(*) filter (where m.filing_year between m.last_year - 2 and m.last_year)
                - count(*) filter (where m.filing_year between m.last_year - 5 and m.last_year - 3)
            ) / count(*) filter (where m.filing_year between m.last_year - 5 and m.last_year - 3), 1)
        end as growth_pct,
        median(m.x) as x,
        median(m.y) as y
    from enrich.topic as t2
    left join members as m on m.topic_id = t2.topic_id
    group by t2.topic_id
) as s
where s.topic_id = t.topic_id
