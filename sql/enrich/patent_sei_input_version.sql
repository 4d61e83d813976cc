-- The labels version the stored rows were built under (null when nothing was stored).
select any_value(labels_version) from enrich.patent_sei_input
