insert into enrich.text_prediction by name
select *, $model_version as model_version from _new_prediction
