-- Co-applicants: other entities on the applicant's patents.
select other.entity_id, coalesce(names.display_name, other.entity_id) as display_name,
    count(distinct other.patent_id) as shared_patents
from mart.patent_applicant as mine
inner join mart.patent_applicant as other on other.patent_id = mine.patent_id and other.entity_id != mine.entity_id
left join mart.applicant as names on names.entity_id = other.entity_id
where mine.entity_id = $entity
group by all
order by shared_patents desc, display_name
limit 20
