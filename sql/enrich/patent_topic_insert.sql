insert into enrich.patent_topic by name select * from _placed
