create schema if not exists meta
