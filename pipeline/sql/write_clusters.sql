-- Apply the clusters computed by dedupe (registered as clusters); only rows that change are written.
UPDATE facts
SET cluster_id = c.cluster_id, is_canonical = c.is_canonical
FROM clusters AS c
WHERE facts.source = c.source AND facts.native_id = c.native_id
  AND (facts.cluster_id IS DISTINCT FROM c.cluster_id OR facts.is_canonical <> c.is_canonical)
