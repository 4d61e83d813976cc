select patent_id from sei_changed
