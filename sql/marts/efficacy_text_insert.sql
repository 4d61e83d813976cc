insert into mart.efficacy_text by name
select *, $extractor_version as extractor_version from _new_efficacy_text
