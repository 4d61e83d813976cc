update core.ingest_file set
    framed_count = $framed,
    merged_duplicate_count = $merged,
    rejected_count = $rejected,
    repaired_count = $repaired,
    is_framed_by_adapter = $by_adapter
where file_id = $id
