-- Invention patents with their legal status from the best evidence available (vendor validity, vendor status
-- mapped through cn_legal_vocabulary.csv, then core.patent.legal_status) and whether they are in force.
create or replace temp table nav_invention as
with fact as (
    select * from ind_patent_fact where patent_type = 'invention'
),

patent as (
    select patent_id, number_key, jurisdiction, application_date, grant_date, family_id, legal_status
    from core.patent
),

detail as (
    select patent_id, any_value(validity) as validity, any_value(legal_status_vendor) as legal_status_vendor
    from core.patent_detail
    group by patent_id
),

vocab as (
    select vendor_term, our_term from nav_ref_legal_vocabulary where kind = 'status'
),

vendor_status as (
    select detail.patent_id, arg_max(vocab.our_term, length(vocab.vendor_term)) as our_term
    from detail
    inner join vocab on starts_with(detail.legal_status_vendor, vocab.vendor_term)
    group by detail.patent_id
),

status as (
    select
        patent.*,
        fact.is_grant,
        fact.is_synthetic,
        coalesce(
            detail.validity,
            vendor_status.our_term,
            case
                when lower(patent.legal_status) in ('in_force', 'active') then 'in_force'
                when lower(patent.legal_status) in ('lapsed', 'inactive', 'expired', 'discontinued') then 'lapsed'
                when lower(patent.legal_status) = 'pending' then 'pending'
            end
        ) as status
    from fact
    inner join patent on patent.patent_id = fact.patent_id
    left join detail on detail.patent_id = fact.patent_id
    left join vendor_status on vendor_status.patent_id = fact.patent_id
),

final as (
    select
        *,
        case
            when status = 'in_force' then 'legal_status'
            when status is null and is_grant and application_date > $as_of - interval 20 year then 'presumed'
        end as in_force_basis
    from status
)

select * from final
