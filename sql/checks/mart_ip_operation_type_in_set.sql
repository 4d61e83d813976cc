-- Operations are transfers, licences and pledges only, each counted at least once.
select scope_code, patent_id, operation_type, operation_count
from mart.ip_operation
where operation_type not in ('transfer', 'licence', 'pledge') or operation_count < 1
