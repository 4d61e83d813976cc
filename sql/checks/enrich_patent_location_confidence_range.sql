select patent_id, sequence, role, confidence, rule
from enrich.patent_location
where confidence < 0 or confidence > 1 or rule is null
   or (zone_code is not null and rule not in ('zone_keyword', 'subarea_keyword', 'street_candidate', 'postcode')
       and rule not like 'registry:%' and rule not like 'applicant_other_record:%')
   or (rule like 'registry:%' and confidence > 0.7)
   or (rule like 'applicant_other_record:%' and confidence > 0.8)
