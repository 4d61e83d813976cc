select * from mart.leading_applicant where scope_code = $scope order by applicant_rank
