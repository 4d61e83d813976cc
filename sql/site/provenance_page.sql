-- Provenance of one scope page: the latest filing date among its patents (the page's data cut-off) and the loaded
-- files its patents come from, read from the render's per-scope table (sql/site/provenance_scope_file.sql). A
-- page's provenance moves only when its own rows do, so an unchanged page is carried over by an incremental
-- render. A dossier page reads sql/site/provenance_dossier.sql.
with scope_file as (
    select file_id, patent_count, latest_filing
    from site_scope_file
    where scope_code = $scope and industry_code = $industry
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
