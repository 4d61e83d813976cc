insert into enrich.sei_category by name
select * from _sei_category
