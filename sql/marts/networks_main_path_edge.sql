-- Main-path edges from nw_main_path (registered by pipeline.analyse.citations).
create or replace table mart.main_path_edge as
with final as (
    select scope, industry_code, cited_id, citing_id, spc, spc_log10
    from nw_main_path
)

select * from final order by scope, industry_code, spc desc, cited_id, citing_id
