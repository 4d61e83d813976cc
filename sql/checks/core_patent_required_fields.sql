select patent_id, jurisdiction, source, file_id
from core.patent
where patent_id is null or number_key is null or jurisdiction is null or source is null or file_id is null
