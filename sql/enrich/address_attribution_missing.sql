-- Addresses in use that have no attribution under this version yet, with what the attribution reads.
with final as (
    select distinct p.address_key, p.address, p.postcode, p.province, p.county, p.era
    from geo_party as p
    anti join enrich.address_attribution as a
        on a.address_key = p.address_key and a.gazetteer_version = $version
    where p.address_key is not null
)

select * from final order by address_key
