insert into enrich.topic by name select * from _topics
