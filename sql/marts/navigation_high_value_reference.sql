-- National reference figures the plans use (data/reference/national_reference.csv), with the SEI concordance version
-- criterion 1 used, for the site to show next to each 片区's figures.
create or replace table mart.high_value_reference as
with reference as (
    select * from nav_ref_national
),

final as (
    select
        indicator,
        name_zh,
        name_en,
        try_cast(value as double) as value,
        unit,
        as_of,
        source,
        $concordance_version as concordance_version
    from reference
)

select * from final
order by indicator
