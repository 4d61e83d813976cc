-- Each industry's patents with map coordinates, built once per render (a temp table of the render's connection)
-- for the landscape of every page of that industry (sql/site/landscape_points.sql), instead of joining the
-- topic table for each page.
create or replace temp table site_landscape_placed as
with industry_patent as (
    select distinct industry_code, patent_id
    from mart.scope_member
    where scope_code = 'ALL'
)

select industry_patent.industry_code, industry_patent.patent_id, patent_topic.x, patent_topic.y, patent_topic.topic_id
from industry_patent
inner join enrich.patent_topic as patent_topic on patent_topic.patent_id = industry_patent.patent_id
semi join core.patent as patent on patent.patent_id = industry_patent.patent_id
where patent_topic.x is not null and patent_topic.y is not null
