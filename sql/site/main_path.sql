with edge as (
    select cited_id, citing_id, max(spc) as spc
    from mart.main_path_edge
    where industry_code = $industry and scope = 'global'
    group by cited_id, citing_id
),

final as (
    select
        edge.cited_id,
        edge.citing_id,
        edge.spc,
        coalesce(cited.filing_year, year(cited.publication_date)) as cited_year,
        coalesce(citing.filing_year, year(citing.publication_date)) as citing_year,
        coalesce(cited.title, '') as cited_title,
        coalesce(citing.title, '') as citing_title
    from edge
    left join core.patent as cited on cited.patent_id = edge.cited_id
    left join core.patent as citing on citing.patent_id = edge.citing_id
)

select * from final order by spc desc, cited_id, citing_id limit $limit
