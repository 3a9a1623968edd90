INSERT OR IGNORE INTO posting_skills (source, native_id, skill) SELECT source, native_id, skill FROM derived_skills
