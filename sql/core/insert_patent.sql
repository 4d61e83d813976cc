-- One row per patent_id: the record from the richest source wins; ties go to the most recent file.
with candidates as (
    select r.*, f.first_seen_at
    from raw.patent as r
    join core.ingest_file as f on f.file_id = r.file_id and f.status = 'loaded'
    where r.patent_id in (select patent_id from affected_patent)
),

ranked as (
    select
        *,
        count(*) over (partition by patent_id) as duplicate_record_count,
        row_number() over (
            partition by patent_id
            order by
                case source
                    when 'uspto_xml' then 1
                    when 'epo_ops' then 2
                    when 'patentsview' then 3
                    when 'cn_export' then 4
                    when 'lens' then 5
                    else 9
                end,
                first_seen_at desc,
                file_id desc,
                record_no
        ) as rank_in_patent
    from candidates
),

final as (
    select
        patent_id, number_key, jurisdiction, kind, doc_type, application_number, application_date,
        publication_date, grant_date, priority_date,
        year(coalesce(application_date, priority_date, publication_date, grant_date)) as filing_year,
        family_id, family_size, title, abstract, language, claims_count, cited_by_count_reported,
        cites_count_reported, legal_status, pct_number, source, source_url, is_synthetic, file_id,
        duplicate_record_count::integer as duplicate_record_count
    from ranked
    where rank_in_patent = 1
)

insert into core.patent by name select * from final
