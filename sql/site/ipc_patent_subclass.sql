-- Each patent's distinct IPC/CPC subclasses, built once per render (a temp table of the render's connection) for
-- the IPC composition of every page (sql/site/ipc.sql), instead of filtering the classification table per page.
create or replace temp table site_patent_subclass as
select distinct patent_id, subclass
from core.classification
where scheme in ('IPC', 'CPC') and subclass is not null
