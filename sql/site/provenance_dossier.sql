-- Provenance of one applicant's dossier page: the latest filing date among the applicant's patents (the page's
-- data cut-off) and the loaded files they come from.
with patents as (
    select patent.patent_id, patent.application_date, patent.file_id
    from core.patent as patent
    where patent.patent_id in (select patent_id from mart.patent_applicant where entity_id = $entity)
),

files as (
    select
        file.file_name,
        file.sha256,
        file.format,
        file.is_synthetic,
        count(*) as patents_loaded_count
    from patents
    inner join core.ingest_file as file on file.file_id = patents.file_id and file.status = 'loaded'
    group by all
),

final as (
    select
        (select max(application_date) from patents) as cutoff_date,
        coalesce(list(files order by files.file_name, files.sha256), []) as files
    from files
)

select * from final
