select count(*) as patent_count, count(*) filter (where is_synthetic) as synthetic_count
from mart.scope_member
where scope_code = $scope and industry_code = $industry and in_headline
