select patent_id, sei_code, sei_name_zh, source, rule, concordance_version from enrich.patent_sei
