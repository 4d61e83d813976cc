select count(*) as topic_count from enrich.topic where size > 0
