with year_bounds as (
    select max(filing_year) as last_year from mart.zone_industry_year where scope_code = 'ALL'
),

final as (
    select
        mart_row.scope_code,
        mart_row.industry_code,
        sum(mart_row.application_count)::bigint as application_count,
        sum(mart_row.application_sensitivity_count)::bigint as application_sensitivity_count,
        sum(mart_row.invention_count)::bigint as invention_count,
        sum(mart_row.application_count) filter (where mart_row.filing_year > year_bounds.last_year - 3)
            ::bigint as recent_count,
        sum(mart_row.application_count) filter (
            where mart_row.filing_year <= year_bounds.last_year - 3 and mart_row.filing_year > year_bounds.last_year - 6
        )::bigint as prior_count,
        sum(mart_row.synthetic_count)::bigint as synthetic_count
    from mart.zone_industry_year as mart_row
    cross join year_bounds
    group by mart_row.scope_code, mart_row.industry_code
)

select * from final order by scope_code, industry_code
