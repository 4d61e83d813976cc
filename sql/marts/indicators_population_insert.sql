insert into ind_population values ($district_code, $district_name_zh, $population_year, $population)
