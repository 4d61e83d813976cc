-- One row per 片区, benchmark and field; a white-space field is weak (RTA < 1) and ranked.
select scope_code, benchmark, field_scheme, field_code, count(*) as row_count
from mart.zone_specialisation
group by all
having count(*) > 1 or bool_or(is_white_space and (rta >= 1 or direction_rank is null))
