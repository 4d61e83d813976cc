-- Kept g_patent rows (first occurrence of a usable number) with application and abstract joined.
with kept as (
    select * from pv_patent where number is not null and occurrence = 1
),

final as (
    select
        $file_id as file_id,
        k.record_no,
        'US' || k.number || coalesce(k.kind, '') as patent_id,
        'US' || k.number as number_key,
        'US' as jurisdiction,
        k.kind,
        case
            when k.number like 'D%' then 'design'
            when k.number like 'PP%' then 'plant'
            when k.number like 'RE%' then 'reissue'
            else 'grant'
        end as doc_type,
        a.application_number,
        a.application_date,
        k.grant_date as publication_date,
        k.grant_date,
        k.title,
        b.abstract,
        'en' as language,
        k.claims_count,
        case when k.withdrawn = '1' then 'withdrawn' end as legal_status,
        'patentsview' as source,
        'https://datatool.patentsview.org/#detail/patent/' || k.src_id as source_url,
        $is_synthetic as is_synthetic
    from kept as k
    left join pv_application as a on a.number = k.number
    left join pv_abstract as b on b.number = k.number
)

insert into raw.patent by name select * from final
