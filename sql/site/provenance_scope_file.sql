-- Each page scope's (片区 or region × industry) patents per source file, with their latest filing, built once per
-- render (a temp table of the render's connection) for the provenance of every scope page
-- (sql/site/provenance_page.sql), instead of joining the patents for each page.
create or replace temp table site_scope_file as
with member as (
    select distinct scope_code, industry_code, patent_id
    from mart.scope_member
    where in_headline
)

select
    member.scope_code,
    member.industry_code,
    patent.file_id,
    count(*) as patent_count,
    max(patent.application_date) as latest_filing
from member
inner join core.patent as patent on patent.patent_id = member.patent_id
group by all
