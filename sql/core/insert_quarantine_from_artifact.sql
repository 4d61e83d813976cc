-- The records a file's reader set aside, from its artifact (the file name as it is called now).
insert into core.quarantine
select file_id, $file_name as file_name, record_locator, reason, action, raw_excerpt
from read_parquet($path)
