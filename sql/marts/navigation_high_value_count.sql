select count(*) as patent_count from mart.high_value_patent where is_high_value
