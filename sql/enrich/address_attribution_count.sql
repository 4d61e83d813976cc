select count(*) as address_count from enrich.address_attribution
