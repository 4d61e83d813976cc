select *
from mart.zone_specialisation
where scope_code = $scope and benchmark = 'CQ' and field_scheme = 'wipo35' and (is_white_space or rta >= 1)
order by is_white_space desc, direction_rank, rta desc
