create or replace table mart.signal as
with window_bounds as (
    select * from sig_window
),

member as (
    select member.scope_code, member.industry_code, member.patent_id, member.application_date
    from mart.scope_member as member
    where member.in_headline and member.application_date is not null
),

windowed as (
    select
        member.*,
        member.application_date > window_bounds.recent_start
            and member.application_date <= window_bounds.cutoff_date as is_recent,
        member.application_date > window_bounds.prior_start
            and member.application_date <= window_bounds.recent_start as is_prior
    from member
    cross join window_bounds
),

first_filing as (
    select applicant.entity_id, min(fact.application_date) as first_filing_date
    from ind_patent_applicant as applicant
    inner join ind_patent_fact as fact on fact.patent_id = applicant.patent_id
    group by applicant.entity_id
),

applicant_window as (
    select
        windowed.scope_code,
        windowed.industry_code,
        applicant.entity_id,
        count(distinct windowed.patent_id) filter (where windowed.is_recent) as recent_count,
        count(distinct windowed.patent_id) filter (where windowed.is_prior) as prior_count
    from windowed
    inner join ind_patent_applicant as applicant on applicant.patent_id = windowed.patent_id
    group by windowed.scope_code, windowed.industry_code, applicant.entity_id
),

new_entrant as (
    select
        'new_entrant' as signal_type,
        applicant_window.scope_code,
        applicant_window.industry_code,
        applicant_window.entity_id as subject_id,
        coalesce(entity.display_name, applicant_window.entity_id) as label_zh,
        coalesce(entity.display_name, applicant_window.entity_id) as label_en,
        applicant_window.recent_count,
        applicant_window.prior_count,
        null::double as growth_pct,
        first_filing.first_filing_date
    from applicant_window
    inner join first_filing on first_filing.entity_id = applicant_window.entity_id
    cross join window_bounds
    left join ind_applicant_entity as entity on entity.entity_id = applicant_window.entity_id
    where first_filing.first_filing_date > window_bounds.recent_start and applicant_window.recent_count > 0
),

rising_applicant as (
    select
        'rising_applicant' as signal_type,
        applicant_window.scope_code,
        applicant_window.industry_code,
        applicant_window.entity_id as subject_id,
        coalesce(entity.display_name, applicant_window.entity_id) as label_zh,
        coalesce(entity.display_name, applicant_window.entity_id) as label_en,
        applicant_window.recent_count,
        applicant_window.prior_count,
        round(100.0 * (applicant_window.recent_count - applicant_window.prior_count)
            / nullif(applicant_window.prior_count, 0), 1) as growth_pct,
        first_filing.first_filing_date
    from applicant_window
    inner join first_filing on first_filing.entity_id = applicant_window.entity_id
    left join ind_applicant_entity as entity on entity.entity_id = applicant_window.entity_id
    where applicant_window.recent_count >= 2 and applicant_window.recent_count > applicant_window.prior_count
),

topic_window as (
    select
        windowed.scope_code,
        windowed.industry_code,
        patent_topic.topic_id,
        count(distinct windowed.patent_id) filter (where windowed.is_recent) as recent_count,
        count(distinct windowed.patent_id) filter (where windowed.is_prior) as prior_count
    from windowed
    inner join ind_patent_topic as patent_topic on patent_topic.patent_id = windowed.patent_id
    group by windowed.scope_code, windowed.industry_code, patent_topic.topic_id
),

rising_topic as (
    select
        'rising_topic' as signal_type,
        topic_window.scope_code,
        topic_window.industry_code,
        topic_window.topic_id as subject_id,
        coalesce(topic.label_zh, topic_window.topic_id) as label_zh,
        coalesce(topic.label_en, topic.label_zh, topic_window.topic_id) as label_en,
        topic_window.recent_count,
        topic_window.prior_count,
        round(100.0 * (topic_window.recent_count - topic_window.prior_count)
            / nullif(topic_window.prior_count, 0), 1) as growth_pct,
        null::date as first_filing_date
    from topic_window
    left join ind_topic as topic on topic.topic_id = topic_window.topic_id
    where topic_window.recent_count >= 2 and topic_window.recent_count > topic_window.prior_count
),

unioned as (
    select * from new_entrant
    union all
    select * from rising_applicant
    union all
    select * from rising_topic
),

ranked as (
    select
        *,
        row_number() over (
            partition by signal_type, scope_code, industry_code
            order by recent_count - prior_count desc, recent_count desc, subject_id
        ) as signal_rank
    from unioned
),

final as (
    select
        ranked.*,
        window_bounds.recent_start as window_start,
        window_bounds.cutoff_date as window_end
    from ranked
    cross join window_bounds
    where ranked.signal_rank <= 20
)

select * from final
order by signal_type, scope_code, industry_code, signal_rank
