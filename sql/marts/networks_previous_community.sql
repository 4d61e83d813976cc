-- Last run's community of every node of today's graph, in node order (-1: none, e.g. a new patent).
select coalesce(m.community_id, -1) as community_id
from nw_graph_node as g
left join mart.patent_citation_metrics as m on m.patent_id = g.patent_id
order by g.node
