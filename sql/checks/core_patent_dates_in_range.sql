select patent_id, application_date, publication_date, grant_date
from core.patent
where application_date < date '1790-01-01' or application_date > current_date + interval 2 year
   or publication_date < date '1790-01-01' or publication_date > current_date + interval 2 year
   or grant_date < date '1790-01-01' or grant_date > current_date + interval 2 year
   or (grant_date is not null and application_date is not null and grant_date < application_date)
