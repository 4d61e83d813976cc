-- Attribution of every distinct applicant address (with its postcode, province and county fields and filing era)
-- under one reference and rule version. Kept between runs so a night attributes only the addresses it has not
-- seen; a new version starts it afresh.
create table if not exists enrich.address_attribution (
    address_key varchar not null,
    address varchar not null,
    postcode varchar,
    province varchar,
    county varchar,
    era integer not null,
    gazetteer_version varchar not null,
    zone_code varchar,
    subarea_code varchar,
    district_code varchar,
    city_code varchar,
    province_code varchar,
    confidence double,
    rule varchar,
    matched_text varchar,
    district_rule varchar,
    district_confidence double,
    district_candidates varchar,
    primary key (address_key, gazetteer_version)
)
