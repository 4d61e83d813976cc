-- Applicants whose display name is, or contains, the name asked for (exact matches first).
select entity_id, display_name, (select count(*) from mart.patent_applicant as p where p.entity_id = a.entity_id)
    as patent_count
from mart.applicant as a
where lower(display_name) = lower($name) or contains(lower(display_name), lower($name)) or entity_id = $name
order by lower(display_name) = lower($name) desc, patent_count desc, display_name
limit 5
