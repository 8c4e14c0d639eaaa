-- What a PMO head asks of an organisation's assessments, in DuckDB SQL, on the JSON Lines
-- team report (docs/team-reports.md):
--
--     rolefit team repo/ --format jsonl > team.jsonl
--     duckdb < docs/organisation.sql
--
-- (or, with DuckDB's Python package, `duckdb.sql(...)` on each statement). Two views read the
-- file: `people` (one row per person) and `levels` (one row per person and competency). The
-- queries measure against the PMO Manager profile, `pmo`; another profile is another id in
-- `targets['…']` and `readiness['…']` (`rolefit framework dump` lists them). Each query starts
-- with a `-- name:` line; tests/organisation.rs runs every one against generated data and
-- checks its answers.

CREATE OR REPLACE VIEW people AS
SELECT * FROM read_json('team.jsonl', format = 'newline_delimited', columns = {
    kind: 'VARCHAR', name: 'VARCHAR', file: 'VARCHAR', role: 'VARCHAR', team: 'VARCHAR',
    answered: 'INTEGER', rated: 'INTEGER', na: 'INTEGER', unanswered: 'INTEGER',
    readiness: 'MAP(VARCHAR, STRUCT(percent DOUBLE, rated INTEGER, required INTEGER, provisional BOOLEAN))',
    lean: 'STRUCT(outcome VARCHAR, direction VARCHAR, position DOUBLE, label VARCHAR)'
})
WHERE kind = 'person';

CREATE OR REPLACE VIEW levels AS
SELECT * FROM read_json('team.jsonl', format = 'newline_delimited', columns = {
    kind: 'VARCHAR', name: 'VARCHAR', file: 'VARCHAR', team: 'VARCHAR',
    competency: 'VARCHAR', area: 'VARCHAR', targets: 'MAP(VARCHAR, INTEGER)',
    value: 'INTEGER', previous_value: 'INTEGER'
})
WHERE kind = 'competency';

-- name: bench_depth
-- Bench depth: for each competency the profile requires, how many people meet its target, of
-- everyone (N/A and unanswered never meet it). The thinnest bench first.
SELECT competency,
       targets['pmo'] AS target,
       count(*) FILTER (WHERE value >= targets['pmo']) AS meet,
       count(*) AS people
FROM levels
WHERE targets['pmo'] IS NOT NULL
GROUP BY competency, targets['pmo']
ORDER BY meet, competency;

-- name: area_average_per_team
-- The average level per area in each team: every level given (N/A and unanswered left out).
SELECT coalesce(team, '(no team)') AS team,
       area,
       round(avg(value), 2) AS average,
       count(value) AS levels
FROM levels
WHERE value IS NOT NULL
GROUP BY ALL
ORDER BY team, area;

-- name: closest_to_profile
-- The people closest to the profile: readiness, complete figures before provisional ones
-- (fewer than half the required competencies rated), then the higher figure, then by name.
SELECT name,
       file,
       readiness['pmo'].percent AS readiness,
       readiness['pmo'].rated AS rated,
       readiness['pmo'].required AS required,
       readiness['pmo'].provisional AS provisional
FROM people
ORDER BY provisional, readiness DESC NULLS LAST, name, file
LIMIT 10;

-- name: largest_gaps
-- The largest gaps: the required competencies by the average shortfall (target − level, 0
-- when met) of the people who gave a level, then by how many are below the target.
SELECT competency,
       targets['pmo'] AS target,
       round(avg(greatest(targets['pmo'] - value, 0)), 2) AS shortfall,
       count(*) FILTER (WHERE value < targets['pmo']) AS below,
       count(*) AS answered
FROM levels
WHERE targets['pmo'] IS NOT NULL AND value IS NOT NULL
GROUP BY competency, targets['pmo']
HAVING count(*) FILTER (WHERE value < targets['pmo']) > 0
ORDER BY shortfall DESC, below DESC, competency
LIMIT 10;

-- name: change_since_last_round
-- What changed since each person's last closed round, per competency: the average change of
-- the people who gave a level both then and now, how many rose and how many fell.
SELECT competency,
       round(avg(value - previous_value), 2) AS change,
       count(*) FILTER (WHERE value > previous_value) AS rose,
       count(*) FILTER (WHERE value < previous_value) AS fell,
       count(*) AS people
FROM levels
WHERE value IS NOT NULL AND previous_value IS NOT NULL
GROUP BY competency
ORDER BY change DESC, competency;
