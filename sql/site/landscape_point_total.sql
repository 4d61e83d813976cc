select count(*) as point_count
from mart.scope_member
inner join enrich.patent_topic as patent_topic on patent_topic.patent_id = mart.scope_member.patent_id
where mart.scope_member.scope_code = $scope and mart.scope_member.industry_code = $industry and mart.scope_member.in_headline
