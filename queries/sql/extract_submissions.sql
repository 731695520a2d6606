-- One row per unit report of $year for the selected display units (extract `Thông tin`), with the
-- format v2 keys: a blank ("chưa báo cáo") stays blank, or says so, never 0.
SELECT s.display_label AS display_unit,
       u.full_name AS unit, u.code AS unit_code, b.year,
       coalesce(b.org_rating, '') AS org_rating, b.committee_members, b.committee_trained,
       coalesce(b.prepared_by, '') AS prepared_by, coalesce(b.prepared_on, '') AS prepared_on,
       b.file_name, strftime(b.loaded_at, '%d/%m/%Y %H:%M') AS loaded_at,
       CASE WHEN b.is_sample THEN 'Có' ELSE 'Không' END AS is_sample,
       coalesce(r.format_version, 1) AS format_version, r.admission_quota,
       CASE r.four_good_unit WHEN true THEN 'Có' WHEN false THEN 'Không' ELSE 'Chưa báo cáo' END AS four_good_unit
FROM submissions b
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = b.unit_id
JOIN units u ON u.unit_id = b.unit_id
LEFT JOIN unit_reports r ON r.unit_id = b.unit_id AND r.year = b.year
WHERE b.year = $year
ORDER BY s.display_rank, s.display_code, u.code
