-- The citation graph's nodes: every corpus patent numbered in patent_id order (0-based), so edges can be read
-- as node numbers and the patents frame (networks_patents) is in node order. Dropped by the step after use.
create or replace temp table nw_node as
select patent_id, (row_number() over (order by patent_id) - 1)::integer as node
from core.patent
