-- The self-assessment catalogue: ISO/IEC TR 27103 functions, categories, sub-categories
-- and their standards mappings, versioned by edition so that a later edition can be loaded
-- beside an earlier one without touching answers given against it. Reference data: every
-- user may read it, nobody but the owner may change it.

CREATE TABLE catalogue_editions (
    id         serial PRIMARY KEY,
    code       text NOT NULL UNIQUE,          -- e.g. 'ISO/IEC TR 27103:2018'
    title      text NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalogue_functions (
    id          serial PRIMARY KEY,
    edition_id  int NOT NULL REFERENCES catalogue_editions(id),
    code        text NOT NULL,                -- 'ID', 'PR', 'DE', 'RS', 'RC'
    name        text NOT NULL,
    description text NOT NULL,
    position    int NOT NULL,
    UNIQUE (edition_id, code)
);

CREATE TABLE catalogue_categories (
    id          serial PRIMARY KEY,
    function_id int NOT NULL REFERENCES catalogue_functions(id),
    code        text NOT NULL,                -- 'ID.AM'
    name        text NOT NULL,
    description text NOT NULL,
    refs        text NOT NULL DEFAULT '',     -- the references column of Tables 1-5
    position    int NOT NULL,
    UNIQUE (function_id, code)
);

CREATE TABLE catalogue_subcategories (
    id          serial PRIMARY KEY,
    category_id int NOT NULL REFERENCES catalogue_categories(id),
    code        text NOT NULL,                -- 'ID.AM-1'
    outcome     text NOT NULL,
    position    int NOT NULL,
    UNIQUE (category_id, code)
);

CREATE TABLE catalogue_mappings (
    subcategory_id int NOT NULL REFERENCES catalogue_subcategories(id),
    standard       text NOT NULL,             -- 'ISO/IEC 27002:2013'
    clause         text NOT NULL DEFAULT '',  -- '8.1.1' ('' where a whole standard is cited)
    position       int NOT NULL,
    PRIMARY KEY (subcategory_id, position)
);
CREATE INDEX catalogue_mappings_clause ON catalogue_mappings (standard, clause);

-- The 0-5 maturity scale every answer uses; its meaning is shown on the form.
CREATE TABLE maturity_levels (
    level   int PRIMARY KEY CHECK (level BETWEEN 0 AND 5),
    name    text NOT NULL,
    meaning text NOT NULL
);

INSERT INTO maturity_levels (level, name, meaning) VALUES
 (0, 'Non-existent', 'The outcome is not addressed at all.'),
 (1, 'Initial', 'Addressed ad hoc, depending on individuals; nothing is documented.'),
 (2, 'Repeatable', 'Done in a similar way each time, but not documented or checked.'),
 (3, 'Defined', 'A documented, approved process exists and is followed.'),
 (4, 'Managed', 'The process is measured and reviewed, and deviations are corrected.'),
 (5, 'Optimised', 'Continually improved from measurements, lessons learned and threats.');

GRANT SELECT ON catalogue_editions, catalogue_functions, catalogue_categories,
                catalogue_subcategories, catalogue_mappings, maturity_levels
    TO portal_app;
