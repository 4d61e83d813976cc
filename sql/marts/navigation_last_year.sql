select coalesce(max(filing_year), 2000) - 1 as last_year from core.patent where filing_year <= year($as_of)
