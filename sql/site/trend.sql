select filing_year, patent_type, count(*) as count
from mart.scope_member
where scope_code = $scope and industry_code = $industry and in_headline and filing_year is not null
group by filing_year, patent_type
order by filing_year, patent_type
