create schema if not exists mart
