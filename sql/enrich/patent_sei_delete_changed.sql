delete from enrich.patent_sei where patent_id in (select patent_id from sei_changed)
