-- What the warehouse holds that IP operations could come from: legal events loaded, and of them operations.
select
    count(*) as legal_events,
    count(*) filter (where event_type in ('transfer', 'licence', 'pledge')) as operation_events,
    count(distinct patent_id) as patents_with_events
from core.legal_event
