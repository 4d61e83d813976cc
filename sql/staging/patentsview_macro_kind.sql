-- Kind code of a US grant from its number prefix and grant date; wipo_kind is used only where it fits
-- (B1/B2, S1, E1, P2/P3, H1 exist from 2001-01-02; earlier grants were A, S, E, P, H).
-- The sample's wipo_kind is a constant 'B2' (see PROVENANCE), so it must not be trusted blindly.
create or replace temp macro pv_kind(number, wipo_kind, grant_date) as (
    case
        when regexp_full_match(number, '[0-9]+') then
            case
                when grant_date < date '2001-01-02' then 'A'
                when wipo_kind in ('B1', 'B2') then wipo_kind
            end
        when number like 'D%' then
            case when grant_date < date '2001-01-02' then 'S' when wipo_kind like 'S%' then wipo_kind else 'S1' end
        when number like 'RE%' then
            case when grant_date < date '2001-01-02' then 'E' when wipo_kind like 'E%' then wipo_kind else 'E1' end
        when number like 'PP%' then
            case when grant_date < date '2001-01-02' then 'P' when wipo_kind in ('P2', 'P3') then wipo_kind else 'P2' end
        when number like 'H%' then
            case when grant_date < date '2001-01-02' then 'H' when wipo_kind like 'H%' then wipo_kind else 'H1' end
        when wipo_kind like 'I%' then wipo_kind
    end
)
