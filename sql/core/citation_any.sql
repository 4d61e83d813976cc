-- Whether core.citation holds any row; asked after delete_citation, when the rows left are exactly those of
-- documents outside this load (a first bulk load leaves none, and then nothing older can cite what it added).
select exists (select 1 from core.citation)
