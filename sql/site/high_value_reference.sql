select * from mart.high_value_reference order by indicator
