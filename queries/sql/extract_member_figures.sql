-- One row per party cell of $year with its member figures (extract `Đảng viên`), with the format v2
-- columns: a blank ("chưa báo cáo") stays blank, never 0.
SELECT s.display_label AS display_unit,
       u.full_name AS unit, u.code AS unit_code, m.year,
       m.cell_code, c.cell_name,
       m.start_count, m.admitted, m.admitted_students, m.admitted_workers, m.admitted_owners,
       m.transferred_in, m.transferred_out, m.died, m.struck_off, m.expelled, m.resigned,
       m.end_count, m.exempted, m.working_away,
       m.rated_excellent, m.rated_good, m.rated_fulfilled, m.rated_not_fulfilled, m.unrated,
       l.reprimanded, l.warned, l.removed_from_post, l.expelled_by_discipline, l.disciplined, l.candidates_trained
FROM member_figures m
JOIN selected_units($boundary, $allowed, $units) s ON s.unit_id = m.unit_id
JOIN units u ON u.unit_id = m.unit_id
LEFT JOIN cells c ON c.unit_id = m.unit_id AND c.year = m.year AND c.cell_code = m.cell_code
LEFT JOIN cell_life l ON l.unit_id = m.unit_id AND l.year = m.year AND l.cell_code = m.cell_code
WHERE m.year = $year
ORDER BY s.display_rank, s.display_code, u.code, m.cell_code
