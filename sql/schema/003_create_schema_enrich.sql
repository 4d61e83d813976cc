create schema if not exists enrich
