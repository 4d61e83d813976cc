-- Provenance of one page: the latest filing date among its patents (the page's data cut-off) and the loaded files
-- its patents come from. A scope page (片区 or region × industry) reads the render's per-scope table
-- (sql/site/provenance_scope_file.sql); a dossier page ($entity set) the applicant's own patents. A page's
-- provenance moves only when its own rows do, so an unchanged page is carried over by an incremental render.
with scope_file as (
    select file_id, patent_count, latest_filing
    from site_scope_file
    where $entity = '' and scope_code = $scope and industry_code = $industry
    union all
    select patent.file_id, count(*) as patent_count, max(patent.application_date) as latest_filing
    from core.patent as patent
    where $entity <> ''
        and patent.patent_id in (select patent_id from mart.patent_applicant where entity_id = $entity)
    group by patent.file_id
),

files as (
    select
        file.file_name,
        file.sha256,
        file.format,
        file.is_synthetic,
        sum(scope_file.patent_count)::bigint as patents_loaded_count
    from scope_file
    inner join core.ingest_file as file on file.file_id = scope_file.file_id and file.status = 'loaded'
    group by all
),

final as (
    select
        (select max(latest_filing) from scope_file) as cutoff_date,
        coalesce(list(files order by files.file_name, files.sha256), []) as files
    from files
)

select * from final
