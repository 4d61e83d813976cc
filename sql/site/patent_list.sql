-- 专利清单: the page's patents (headline threshold) with what an analyst needs to check each one (the per-patent
-- columns come from site_patent_list_row, sql/site/patent_list_rows.sql).
with member as (
    select * from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

final as (
    select
        row.patent_id,
        row.application_number,
        member.patent_type,
        row.title,
        row.applicants,
        row.application_date,
        row.publication_date,
        row.grant_date,
        row.ipc,
        member.primary_industry_code as industry_code,
        row.zone_code,
        row.zone_rule,
        row.zone_confidence,
        row.legal_status,
        row.is_high_value,
        row.reasons_zh,
        row.is_synthetic
    from member
    inner join site_patent_list_row as row on row.patent_id = member.patent_id
)

select * from final
order by application_date desc nulls last, patent_id
