-- v4, addresses as filed: warehouses created at v3 gain the county (区县) of a party's address (new ones have it
-- from sql/schema). raw.patent_party is a view over artifacts: older artifacts read the column as NULL.
alter table core.patent_party add column if not exists county varchar
