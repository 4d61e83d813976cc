-- Titles of the patents the page's matrix cells list.
select distinct cell_patent.patent_id, patent.title
from mart.tech_efficacy_cell as cell
cross join unnest(string_split(cell.patent_ids, '|')) as cell_patent (patent_id)
inner join core.patent as patent on patent.patent_id = cell_patent.patent_id
where cell.scope_code = $scope and cell.industry_code = $industry
