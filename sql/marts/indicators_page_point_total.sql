select count(*) as point_count
from ind_member
inner join enrich.patent_topic as patent_topic on patent_topic.patent_id = ind_member.patent_id
where ind_member.scope_code = $scope and ind_member.industry_code = $industry and ind_member.in_headline
