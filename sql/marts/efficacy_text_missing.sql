-- Texts without cached statements under this extractor version (one row per text).
with final as (
    select source.text_hash, any_value(source.is_phrase) as is_phrase, any_value(source.body) as body
    from nav_efficacy_source as source
    anti join mart.efficacy_text as cached
        on cached.text_hash = source.text_hash and cached.extractor_version = $extractor_version
    group by source.text_hash
)

select * from final order by text_hash
