-- Efficacy statements per distinct text under one extractor version (the vocabulary and the extraction code):
-- kept between nights, so a night extracts only texts it has not seen; a changed vocabulary starts it afresh.
create table if not exists mart.efficacy_text (
    text_hash varchar not null,
    extractor_version varchar not null,
    ordinal integer not null,
    efficacy_code varchar,
    cue varchar,
    object_text varchar
)
