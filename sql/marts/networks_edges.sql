-- In-corpus citation edges citing -> cited, one row per pair; self-loops removed here, the year of each end
-- comes from filing_year (else the publication year) and the category is the first one by sequence.
with cited as (
    select
        citing_patent_id as citing_id,
        cited_patent_id as cited_id,
        min(sequence) as first_sequence,
        arg_min(category, sequence) as category
    from core.citation
    where cited_patent_id is not null and cited_patent_id <> citing_patent_id
    group by all
),

final as (
    select
        cited.citing_id,
        cited.cited_id,
        coalesce(citing.filing_year, year(citing.publication_date)) as citing_year,
        coalesce(target.filing_year, year(target.publication_date)) as cited_year,
        cited.category
    from cited
    inner join core.patent as citing on citing.patent_id = cited.citing_id
    inner join core.patent as target on target.patent_id = cited.cited_id
)

select * from final order by citing_id, cited_id
