"""Numbered schema migrations for the DuckDB store.

Each migration runs once, in order, inside a transaction, and is recorded in
``schema_migrations``. Never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


_ACTOR_COLUMNS = """
    {p}_text VARCHAR, {p}_code VARCHAR, {p}_country VARCHAR, {p}_sector VARCHAR,
    {p}_name VARCHAR, {p}_title VARCHAR, {p}_start INTEGER, {p}_end INTEGER"""

_TIE_COLUMNS_8 = """
    id, dataset, country_a, country_b, source_country, target_country, source_code,
    target_code, source_name, target_name, modality, code, root, name, quad_class, goldstein,
    report_count, date_start, date_end, date_precision, series_date, outlets,
    first_report_lag_days, first_event_id, review_status"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, events, evidence, mentions, actors, ingest runs",
        f"""
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            title VARCHAR,
            source VARCHAR,
            published DATE,
            language VARCHAR,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            origin VARCHAR,
            record_id VARCHAR,
            ingested_at TIMESTAMP NOT NULL,
            pipeline_version VARCHAR NOT NULL,
            event_count INTEGER NOT NULL,
            warnings VARCHAR[]
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            ordinal INTEGER NOT NULL,
            code VARCHAR NOT NULL,
            root VARCHAR NOT NULL,
            name VARCHAR,
            plover VARCHAR,
            plover_mode VARCHAR,
            quad_class TINYINT,
            goldstein DOUBLE,
            modality VARCHAR NOT NULL,
            {_ACTOR_COLUMNS.format(p="source")},
            {_ACTOR_COLUMNS.format(p="target")},
            location_text VARCHAR,
            location_country VARCHAR,
            date_start DATE,
            date_end DATE,
            date_precision VARCHAR NOT NULL,
            date_text VARCHAR,
            reported_by_text VARCHAR,
            reported_by_code VARCHAR,
            reported_by_country VARCHAR,
            report_date DATE,
            report_lag_days INTEGER,
            published DATE,
            outlet VARCHAR,
            trigger VARCHAR,
            confidence DOUBLE,
            pipeline_version VARCHAR NOT NULL
        );
        CREATE TABLE event_evidence (
            event_id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            sentence VARCHAR NOT NULL
        );
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER,
            start_char INTEGER,
            end_char INTEGER,
            text VARCHAR,
            code VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            name VARCHAR
        );
        CREATE TABLE actors (
            key VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            aliases VARCHAR[],
            country VARCHAR,
            sector VARCHAR,
            code VARCHAR,
            title VARCHAR,
            first_seen DATE,
            last_seen DATE,
            valid_from DATE,
            valid_to DATE,
            origin VARCHAR NOT NULL,
            updated_at TIMESTAMP NOT NULL
        );
        CREATE VIEW event_reports AS
            SELECT e.*, v.sentence_index, v.sentence_start, v.sentence_end,
                   v.trigger_start, v.trigger_end, v.sentence
            FROM events e JOIN event_evidence v ON v.event_id = e.id;
        CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            inputs VARCHAR[],
            articles_read INTEGER,
            articles_new INTEGER,
            duplicates INTEGER,
            skipped INTEGER,
            events_stored INTEGER,
            pipeline_version VARCHAR
        );
        """,
    ),
    Migration(
        2,
        "merged events (one happening, many reports) and merge runs",
        """
        CREATE TABLE merged_events (
            id VARCHAR PRIMARY KEY,
            modality VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            root VARCHAR NOT NULL,
            name VARCHAR,
            quad_class TINYINT,
            goldstein DOUBLE,
            source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_name VARCHAR,
            target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_name VARCHAR,
            country_a VARCHAR,
            country_b VARCHAR,
            pair_key VARCHAR NOT NULL,
            location_country VARCHAR,
            date_start DATE,
            date_end DATE,
            date_precision VARCHAR NOT NULL,
            series_date DATE,
            first_published DATE,
            last_published DATE,
            first_report_date DATE,
            first_report_lag_days INTEGER,
            first_event_id VARCHAR NOT NULL,
            report_count INTEGER NOT NULL,
            article_ids VARCHAR[],
            outlets VARCHAR[],
            updated_at TIMESTAMP NOT NULL
        );
        CREATE TABLE event_merge (
            event_id VARCHAR PRIMARY KEY,
            merged_id VARCHAR NOT NULL
        );
        CREATE TABLE merge_runs (
            id INTEGER PRIMARY KEY,
            finished_at TIMESTAMP NOT NULL,
            ingested_through TIMESTAMP,
            reports INTEGER NOT NULL,
            new_merged INTEGER NOT NULL,
            updated_merged INTEGER NOT NULL
        );
        """,
    ),
    Migration(
        3,
        "web users, API tokens, event reviews beside the machine coding, review audit log",
        """
        CREATE TABLE users (
            name VARCHAR PRIMARY KEY,
            password_hash VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            disabled BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE TABLE api_tokens (
            token_hash VARCHAR PRIMARY KEY,
            user_name VARCHAR NOT NULL,
            label VARCHAR,
            created_at TIMESTAMP NOT NULL,
            last_used TIMESTAMP
        );
        CREATE TABLE event_reviews (
            merged_id VARCHAR PRIMARY KEY,
            status VARCHAR NOT NULL,
            code VARCHAR, root VARCHAR, name VARCHAR, quad_class TINYINT, goldstein DOUBLE,
            modality VARCHAR,
            source_code VARCHAR, source_country VARCHAR,
            target_code VARCHAR, target_country VARCHAR,
            country_a VARCHAR, country_b VARCHAR, pair_key VARCHAR,
            date_start DATE, date_end DATE, date_precision VARCHAR, series_date DATE,
            note VARCHAR,
            reviewer VARCHAR NOT NULL,
            reviewed_at TIMESTAMP NOT NULL
        );
        CREATE TABLE review_audit (
            id INTEGER PRIMARY KEY,
            merged_id VARCHAR NOT NULL,
            action VARCHAR NOT NULL,
            reviewer VARCHAR NOT NULL,
            acted_at TIMESTAMP NOT NULL,
            before VARCHAR,
            after VARCHAR,
            note VARCHAR
        );
        CREATE VIEW reviewed_merged_events AS
            SELECT m.* REPLACE (
                    CASE WHEN r.status = 'corrected' THEN r.code ELSE m.code END AS code,
                    CASE WHEN r.status = 'corrected' THEN r.root ELSE m.root END AS root,
                    CASE WHEN r.status = 'corrected' THEN r.name ELSE m.name END AS name,
                    CASE WHEN r.status = 'corrected' THEN r.quad_class ELSE m.quad_class END AS quad_class,
                    CASE WHEN r.status = 'corrected' THEN r.goldstein ELSE m.goldstein END AS goldstein,
                    CASE WHEN r.status = 'corrected' THEN r.modality ELSE m.modality END AS modality,
                    CASE WHEN r.status = 'corrected' THEN r.source_code ELSE m.source_code END AS source_code,
                    CASE WHEN r.status = 'corrected' THEN r.source_country ELSE m.source_country END AS source_country,
                    CASE WHEN r.status = 'corrected' THEN r.target_code ELSE m.target_code END AS target_code,
                    CASE WHEN r.status = 'corrected' THEN r.target_country ELSE m.target_country END AS target_country,
                    CASE WHEN r.status = 'corrected' THEN r.country_a ELSE m.country_a END AS country_a,
                    CASE WHEN r.status = 'corrected' THEN r.country_b ELSE m.country_b END AS country_b,
                    CASE WHEN r.status = 'corrected' THEN r.pair_key ELSE m.pair_key END AS pair_key,
                    CASE WHEN r.status = 'corrected' THEN r.date_start ELSE m.date_start END AS date_start,
                    CASE WHEN r.status = 'corrected' THEN r.date_end ELSE m.date_end END AS date_end,
                    CASE WHEN r.status = 'corrected' THEN r.date_precision ELSE m.date_precision END AS date_precision,
                    CASE WHEN r.status = 'corrected' THEN r.series_date ELSE m.series_date END AS series_date),
                   coalesce(r.status, 'machine') AS review_status
            FROM merged_events m LEFT JOIN event_reviews r ON r.merged_id = m.id
            WHERE r.status IS NULL OR r.status <> 'rejected';
        """,
    ),
    Migration(
        4,
        "re-coding: a queue of reports to merge again, flags on reviews whose event is gone",
        """
        CREATE TABLE merge_queue (event_id VARCHAR PRIMARY KEY);
        CREATE TABLE review_flags (
            merged_id VARCHAR PRIMARY KEY,
            reason VARCHAR NOT NULL,
            flagged_at TIMESTAMP NOT NULL
        );
        """,
    ),
    Migration(
        5,
        "sector nouns imported from users' PETRARCH agent dictionaries",
        """
        CREATE TABLE sector_nouns (
            noun VARCHAR PRIMARY KEY,
            sector VARCHAR NOT NULL,
            origin_file VARCHAR NOT NULL,
            imported_at TIMESTAMP NOT NULL
        );
        """,
    ),
    Migration(
        6,
        "datasets: events imported from GDELT, ICEWS, POLECAT files, kept apart from detente's own",
        """
        ALTER TABLE merged_events ADD COLUMN dataset VARCHAR DEFAULT 'detente';
        ALTER TABLE merged_events ADD COLUMN mentions BIGINT;
        CREATE TABLE dataset_events (
            id VARCHAR NOT NULL,
            dataset VARCHAR NOT NULL,
            provider_id VARCHAR NOT NULL,
            event_date DATE NOT NULL,
            source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
            target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
            code VARCHAR NOT NULL,
            root VARCHAR NOT NULL,
            plover VARCHAR,
            plover_mode VARCHAR,
            quad_class TINYINT,
            goldstein DOUBLE,
            mentions INTEGER,
            sources INTEGER,
            articles INTEGER,
            tone DOUBLE,
            location_text VARCHAR,
            location_country VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            url VARCHAR,
            story_id VARCHAR,
            sentence_number INTEGER,
            publisher VARCHAR,
            event_text VARCHAR,
            date_added DATE,
            source_file VARCHAR NOT NULL,
            source_line BIGINT,
            import_id INTEGER NOT NULL
        );
        CREATE TABLE dataset_imports (
            id INTEGER PRIMARY KEY,
            dataset VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            files VARCHAR[],
            rows_read BIGINT,
            stored BIGINT,
            duplicates BIGINT,
            skipped BIGINT,
            merged_events BIGINT
        );
        """,
    ),
    Migration(
        7,
        "datasets: each imported row names its merged event (merged_id); imported rows merge "
        "in SQL by day, pair and code, so earlier merges of imported rows are undone to be "
        "merged again (`detente merge --dataset NAME` or the next import)",
        """
        ALTER TABLE dataset_events ADD COLUMN merged_id VARCHAR;
        DELETE FROM event_merge WHERE event_id IN (SELECT id FROM dataset_events);
        DELETE FROM merged_events WHERE dataset <> 'detente';
        """,
    ),
    Migration(
        8,
        "tie_events: the counted merged events between countries (reviews applied), once from "
        "each country's side, in order of dataset, country, partner and date: what series, "
        "partners and a pair's page read; tie_months: their sums per partner and month (both "
        "kept up to date by every write of merged events or reviews)",
        f"""
        CREATE TABLE tie_events AS
        WITH counted AS (SELECT {_TIE_COLUMNS_8} FROM reviewed_merged_events)
        SELECT * FROM (
            SELECT country_a AS country, country_b AS partner, * FROM counted
            WHERE country_a IS NOT NULL
            UNION ALL
            SELECT country_b AS country, country_a AS partner, * FROM counted
            WHERE country_b IS NOT NULL AND country_b IS DISTINCT FROM country_a
        ) ORDER BY dataset, country, partner, series_date;
        CREATE TABLE tie_months AS
        SELECT dataset, country, partner, modality,
               CAST(date_trunc('month', series_date) AS DATE) AS month, quad_class,
               count(*) AS events, CAST(sum(report_count) AS BIGINT) AS reports,
               sum(coalesce(goldstein, 0)) AS goldstein_sum,
               sum(abs(coalesce(goldstein, 0))) AS weight,
               min(series_date) AS first, max(series_date) AS last
        FROM tie_events
        WHERE country_a <> country_b AND country_b IS NOT NULL AND series_date IS NOT NULL
        GROUP BY ALL ORDER BY dataset, country, partner, month;
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
