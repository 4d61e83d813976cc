-- Attribution of every distinct applicant address under one gazetteer version. Kept between runs so a night
-- attributes only the addresses it has not seen; a new gazetteer version starts it afresh.
create table if not exists enrich.address_attribution (
    address varchar not null,
    gazetteer_version varchar not null,
    zone_code varchar,
    subarea_code varchar,
    district_code varchar,
    city_code varchar,
    province_code varchar,
    confidence double,
    rule varchar,
    matched_text varchar,
    primary key (address, gazetteer_version)
)
