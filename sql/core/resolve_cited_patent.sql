-- Citations made earlier by documents outside this load that point at documents this load added: link them.
-- (Citations of the documents in this load were resolved as they were inserted.)
update core.citation as c
set cited_patent_id = m.patent_id
from (
    select
        c2.citing_patent_id, c2.sequence,
        arg_min(p.patent_id, case when p.patent_id = c2.cited_patent_ref then 0 else 1 end) as patent_id
    from core.citation as c2
    join core.patent as p on p.number_key = c2.cited_number_key
    where c2.cited_number_key in (select number_key from affected_number_key)
      and c2.citing_patent_id not in (select patent_id from affected_patent)
      and p.patent_id <> c2.citing_patent_id
    group by c2.citing_patent_id, c2.sequence
) as m
where c.citing_patent_id = m.citing_patent_id and c.sequence = m.sequence
