select * from mart.high_value_criterion order by criterion_order
