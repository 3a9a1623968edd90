DELETE FROM posting_skills
WHERE (source, native_id) IN (SELECT (source, native_id) FROM derived_facts)
