-- Addresses in use that have no attribution under this gazetteer version yet.
with final as (
    select distinct p.address
    from geo_party as p
    anti join enrich.address_attribution as a
        on a.address = p.address and a.gazetteer_version = $version
    where p.address is not null
)

select * from final order by address
