-- Every in-corpus patent with what the metrics need, in node order (nw_node); the primary level-1 industry
-- comes from nw_industry (a view over enrich.patent_industry, or an empty stand-in when that table is absent).
-- external_refs: distinct cited-but-external patent references (light nodes, keyed by the normalised
-- publication number, else the raw text; non-patent literature left out), counted in backward citations.
with industry as (
    select patent_id, min(industry_code) as industry_code
    from nw_industry
    group by patent_id
),

external_refs as (
    select citing_id, count(*) as external_refs
    from (
        select distinct
            citing_patent_id as citing_id,
            coalesce(cited_patent_ref, cited_ref_raw) as cited_ref
        from core.citation
        where cited_patent_id is null and not is_npl
    )
    group by citing_id
),

final as (
    select
        patent.patent_id,
        coalesce(patent.filing_year, year(patent.publication_date)) as filing_year,
        industry.industry_code,
        patent.family_size,
        patent.claims_count,
        patent.cited_by_count_reported,
        patent.is_synthetic,
        coalesce(external_refs.external_refs, 0) as external_refs,
        node.node
    from nw_node as node
    inner join core.patent as patent on patent.patent_id = node.patent_id
    left join industry on industry.patent_id = patent.patent_id
    left join external_refs on external_refs.citing_id = patent.patent_id
)

select * from final order by node
