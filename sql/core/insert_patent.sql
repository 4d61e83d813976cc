-- One row per patent_id. The winning record (richest source, then a record with a title, then the most recent
-- file) owns file_id and the child rows; each field it lacks is filled from the next-best record that has it,
-- so a legal-status-only record or a Lens record with reported citation counts still adds what it knows.
with candidates as (
    select r.*, f.first_seen_at
    from raw.patent as r
    join core.ingest_file as f on f.file_id = r.file_id and f.status = 'loaded'
    where r.patent_id in (select patent_id from affected_patent)
),

ranked as (
    select
        *,
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
                title is null,
                first_seen_at desc,
                file_id desc,
                record_no
        ) as rank_in_patent
    from candidates
),

final as (
    select
        patent_id,
        first(number_key order by rank_in_patent) as number_key,
        first(jurisdiction order by rank_in_patent) as jurisdiction,
        first(kind order by rank_in_patent) filter (where kind is not null) as kind,
        first(doc_type order by rank_in_patent) filter (where doc_type is not null) as doc_type,
        first(application_number order by rank_in_patent) filter (where application_number is not null)
            as application_number,
        first(application_date order by rank_in_patent) filter (where application_date is not null)
            as application_date,
        first(publication_date order by rank_in_patent) filter (where publication_date is not null)
            as publication_date,
        first(grant_date order by rank_in_patent) filter (where grant_date is not null) as grant_date,
        first(priority_date order by rank_in_patent) filter (where priority_date is not null) as priority_date,
        first(family_id order by rank_in_patent) filter (where family_id is not null) as family_id,
        first(family_size order by rank_in_patent) filter (where family_size is not null) as family_size,
        first(title order by rank_in_patent) filter (where title is not null) as title,
        first(abstract order by rank_in_patent) filter (where abstract is not null) as abstract,
        first(language order by rank_in_patent) filter (where language is not null) as language,
        first(claims_count order by rank_in_patent) filter (where claims_count is not null) as claims_count,
        first(cited_by_count_reported order by rank_in_patent) filter (where cited_by_count_reported is not null)
            as cited_by_count_reported,
        first(cites_count_reported order by rank_in_patent) filter (where cites_count_reported is not null)
            as cites_count_reported,
        first(legal_status order by rank_in_patent) filter (where legal_status is not null) as legal_status,
        first(pct_number order by rank_in_patent) filter (where pct_number is not null) as pct_number,
        first(source order by rank_in_patent) as source,
        first(source_url order by rank_in_patent) filter (where source_url is not null) as source_url,
        bool_or(is_synthetic) as is_synthetic,
        first(file_id order by rank_in_patent) as file_id,
        count(*)::integer as duplicate_record_count
    from ranked
    group by patent_id
)

insert into core.patent by name
select
    *,
    year(coalesce(application_date, priority_date, publication_date, grant_date)) as filing_year
from final
