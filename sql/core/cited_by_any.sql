-- Whether any source gave citing lists (core.cited_by); without one there is nothing to derive from them.
select exists (select 1 from core.cited_by)
