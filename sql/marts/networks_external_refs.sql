-- Cited-but-external patent references (light nodes): distinct per citing patent, keyed by the normalised
-- publication number (else the raw text); non-patent literature is left out.
with refs as (
    select distinct
        citing_patent_id as citing_id,
        'ext:' || coalesce(cited_patent_ref, cited_ref_raw) as cited_id
    from core.citation
    where cited_patent_id is null and not is_npl
),

final as (
    select refs.citing_id, refs.cited_id
    from refs
    inner join core.patent as citing on citing.patent_id = refs.citing_id
)

select * from final order by citing_id, cited_id
