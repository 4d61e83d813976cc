-- Documents not yet placed on this map with this text and industry: new patents, edited texts, relabelled
-- industries.
with final as (
    select d.patent_id, d.title, d.abstract, d.industry_code, d.doc_hash, d.codes
    from topic_document as d
    left join enrich.patent_topic as pt on pt.patent_id = d.patent_id
    left join enrich.topic as t on t.topic_id = pt.topic_id
    where pt.patent_id is null
       or pt.map_version is distinct from $map_version
       or pt.doc_hash is distinct from d.doc_hash
       or t.industry_code is distinct from d.industry_code
)

select * from final order by patent_id
