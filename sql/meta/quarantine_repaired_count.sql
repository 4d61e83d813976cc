select count(distinct record_locator) as record_count
from core.quarantine
where file_id = $file_id and action = 'repaired'
