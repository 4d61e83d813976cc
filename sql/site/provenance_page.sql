-- Provenance of one page: the latest filing date among its patents (the page's data cut-off) and the loaded files
-- its patents come from (a dossier page: the applicant's patents). A page's provenance moves only when its own
-- rows do, so an unchanged page is carried over by an incremental render.
with member as (
    select patent_id
    from mart.scope_member
    where $entity = '' and scope_code = $scope and industry_code = $industry and in_headline
    union
    select patent_id
    from mart.patent_applicant
    where $entity <> '' and entity_id = $entity
),

patents as (
    select patent.patent_id, patent.application_date, patent.file_id
    from core.patent as patent
    where patent.patent_id in (select patent_id from member)
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
