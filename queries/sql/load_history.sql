-- Every load that changed the database, newest first, with the unit as it reported; only loads of
-- units the reader may see (scoped_units).
SELECT h.load_id, strftime(h.loaded_at, '%d/%m/%Y %H:%M:%S') AS loaded_at, coalesce(h.loaded_by, '') AS loaded_by,
       h.file_name,
       u.full_name AS unit, u.code AS unit_code, h.year, h.outcome,
       h.cells, h.members, h.cadres, h.warnings
FROM load_history h
JOIN scoped_units($boundary, $allowed) v ON v.unit_id = h.unit_id
LEFT JOIN units u ON u.unit_id = h.unit_id
ORDER BY h.loaded_at DESC, h.load_id DESC
