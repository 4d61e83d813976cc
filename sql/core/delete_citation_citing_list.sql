-- Citations derived from a cited document's citing list (category 'citing_list') are re-derived whenever the
-- citing or the cited document changed.
delete from core.citation
where category = 'citing_list'
  and (
      citing_patent_id in (select patent_id from affected_patent)
      or cited_patent_id in (select patent_id from affected_patent)
      or cited_number_key in (select number_key from affected_number_key)
  )
