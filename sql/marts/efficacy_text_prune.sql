-- Forget texts of another extractor version or no longer in the warehouse, so the cache is what a run from scratch
-- with this vocabulary would build.
delete from mart.efficacy_text as cached
where cached.extractor_version <> $extractor_version
   or not exists (select 1 from nav_efficacy_source as source where source.text_hash = cached.text_hash)
