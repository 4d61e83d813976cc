-- In-corpus citation edges citing -> cited as node numbers (nw_node), self-loops removed; duplicates are
-- removed and the edges sorted by (citing, cited) in numpy (pipeline.analyse.citations.unique_sorted_edges),
-- which is cheaper there than a distinct + order by over 130M rows here.
select
    citing.node as citing_node,
    cited.node as cited_node
from core.citation as citation
inner join nw_node as citing on citing.patent_id = citation.citing_patent_id
inner join nw_node as cited on cited.patent_id = citation.cited_patent_id
where citation.cited_patent_id is not null and citation.cited_patent_id <> citation.citing_patent_id
