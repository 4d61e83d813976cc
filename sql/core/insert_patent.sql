-- One row per patent_id. The winning record (richest source, then a record with a title, then the most recent
-- file) owns file_id and the child rows; each field it lacks is filled from the next-best record that has it,
-- so a legal-status-only record or a Lens record with reported citation counts still adds what it knows.
-- Most patents come from one record only: that record is the row as it stands, so ranking and the per-field
-- choice (arg_min skips NULLs: the best record that has the field) run only where several records meet.
with candidates as (
    select r.*, f.first_seen_at
    from raw.patent as r
    join core.ingest_file as f on f.file_id = r.file_id and f.status = 'loaded'
    where r.patent_id in (select patent_id from affected_patent)
),

record_count as (
    select patent_id, count(*)::integer as duplicate_record_count
    from candidates
    group by patent_id
),

only_record as (
    select
        c.patent_id, c.number_key, c.jurisdiction, c.kind, c.doc_type, c.application_number, c.application_date,
        c.publication_date, c.grant_date, c.priority_date, c.family_id, c.family_size, c.title, c.abstract,
        c.language, c.claims_count, c.cited_by_count_reported, c.cites_count_reported, c.legal_status,
        c.pct_number, c.source, c.source_url, c.is_synthetic, c.file_id, n.duplicate_record_count
    from candidates as c
    join record_count as n on n.patent_id = c.patent_id and n.duplicate_record_count = 1
),

ranked as (
    select
        c.*,
        row_number() over (
            partition by c.patent_id
            order by
                case c.source
                    when 'uspto_xml' then 1
                    when 'cnipa_xml' then 1
                    when 'epo_ops' then 2
                    when 'patentsview' then 3
                    when 'cn_export' then 4
                    when 'lens' then 5
                    else 9
                end,
                c.title is null,
                c.first_seen_at desc,
                c.file_id desc,
                c.record_no
        ) as rank_in_patent
    from candidates as c
    join record_count as n on n.patent_id = c.patent_id and n.duplicate_record_count > 1
),

merged as (
    select
        patent_id,
        arg_min_null(number_key, rank_in_patent) as number_key,
        arg_min_null(jurisdiction, rank_in_patent) as jurisdiction,
        arg_min(kind, rank_in_patent) as kind,
        arg_min(doc_type, rank_in_patent) as doc_type,
        arg_min(application_number, rank_in_patent) as application_number,
        arg_min(application_date, rank_in_patent) as application_date,
        arg_min(publication_date, rank_in_patent) as publication_date,
        arg_min(grant_date, rank_in_patent) as grant_date,
        arg_min(priority_date, rank_in_patent) as priority_date,
        arg_min(family_id, rank_in_patent) as family_id,
        arg_min(family_size, rank_in_patent) as family_size,
        arg_min(title, rank_in_patent) as title,
        arg_min(abstract, rank_in_patent) as abstract,
        arg_min(language, rank_in_patent) as language,
        arg_min(claims_count, rank_in_patent) as claims_count,
        arg_min(cited_by_count_reported, rank_in_patent) as cited_by_count_reported,
        arg_min(cites_count_reported, rank_in_patent) as cites_count_reported,
        arg_min(legal_status, rank_in_patent) as legal_status,
        arg_min(pct_number, rank_in_patent) as pct_number,
        arg_min_null(source, rank_in_patent) as source,
        arg_min(source_url, rank_in_patent) as source_url,
        bool_or(is_synthetic) as is_synthetic,
        arg_min_null(file_id, rank_in_patent) as file_id,
        count(*)::integer as duplicate_record_count
    from ranked
    group by patent_id
),

final as (
    select * from only_record
    union all by name
    select * from merged
)

insert into core.patent by name
select
    *,
    year(coalesce(application_date, priority_date, publication_date, grant_date)) as filing_year
from final
