create or replace temp table sig_window as
with bounds as (
    select max(application_date) as cutoff_date
    from core.patent
    where application_date is not null
),

final as (
    select
        cutoff_date,
        cast(cutoff_date - interval 12 month as date) as recent_start,
        cast(cutoff_date - interval 24 month as date) as prior_start
    from bounds
)

select * from final
