insert into enrich.patent_sei by name
select * from _new_patent_sei
