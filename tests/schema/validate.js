#!/usr/bin/env node
// validate.js [--refs DIR] [--unicode-regexp | --no-unicode-regexp] SCHEMA DOCUMENT
//
// Checks the JSON file DOCUMENT ("-" for standard input) against the JSON Schema in the
// file SCHEMA with ajv 8 and ajv-formats (tests/schema/node_modules: npm ci --prefix
// tests/schema), the whole schema with every format it names. Prints each error and
// exits 0 when the document is valid, 1 when it is not, 2 when the check could not run
// (usage, unreadable or malformed files, a schema ajv cannot compile).
//
// The draft is the schema's own: its $schema chooses ajv's class (draft-07 and 2019-09,
// 2020-12). --refs DIR first loads every *.json file under DIR (recursively), so that
// $refs between the files of a schema set resolve (the STIX 2.1 schemas); SCHEMA may be
// one of them. Patterns are compiled as JavaScript unicode regular expressions (OSCAL's
// \p{L} needs that) except for draft 2020-12, whose STIX schemas hold an escape that
// unicode mode rejects; the two options override that choice.
'use strict';

const fs = require('fs');
const path = require('path');

function usage(message) {
  if (message) process.stderr.write(`validate.js: ${message}\n`);
  process.stderr.write(
    'usage: validate.js [--refs DIR] [--unicode-regexp | --no-unicode-regexp] SCHEMA DOCUMENT\n');
  process.exit(2);
}

function fail(message) {
  process.stderr.write(`validate.js: ${message}\n`);
  process.exit(2);
}

function readJson(file) {
  let text;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${file} is not JSON: ${e.message}`);
  }
  return undefined;
}

// ---- arguments ----
let refsDir = null;
let unicode = null; // null: decided by the draft
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--refs') {
    if (i + 1 >= args.length) usage('--refs needs a directory');
    refsDir = args[++i];
  } else if (a === '--unicode-regexp') {
    unicode = true;
  } else if (a === '--no-unicode-regexp') {
    unicode = false;
  } else if (a.startsWith('--')) {
    usage(`unknown option ${a}`);
  } else {
    files.push(a);
  }
}
if (files.length !== 2) usage();
const [schemaFile, documentFile] = files;

let Ajv, Ajv2019, Ajv2020, addFormats;
try {
  Ajv = require('ajv').default;
  Ajv2019 = require('ajv/dist/2019').default;
  Ajv2020 = require('ajv/dist/2020').default;
  addFormats = require('ajv-formats').default;
} catch (e) {
  fail(`ajv and ajv-formats are not installed (npm ci --prefix tests/schema): ${e.message}`);
}

// ---- the schema and its draft ----
const schema = readJson(schemaFile);
const draft = String((schema && schema.$schema) || '');
let AjvClass = Ajv; // draft-07 (and draft-06 style schemas that do not need its meta-schema)
if (draft.includes('2020-12')) AjvClass = Ajv2020;
else if (draft.includes('2019-09')) AjvClass = Ajv2019;
else if (draft && !draft.includes('draft-07')) fail(`${schemaFile}: unsupported $schema ${draft}`);
if (unicode === null) unicode = AjvClass !== Ajv2020;

const ajv = new AjvClass({ allErrors: true, strict: false, unicodeRegExp: unicode });
addFormats(ajv);

// ---- the files its $refs may point to ----
const schemaPath = path.resolve(schemaFile);
let main = null; // SCHEMA when it was loaded with the others
function load(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      load(file);
    } else if (entry.name.endsWith('.json')) {
      const s = path.resolve(file) === schemaPath ? schema : readJson(file);
      const key = s.$id || path.relative(refsDir, file).split(path.sep).join('/');
      try {
        ajv.addSchema(s, key);
      } catch (e) {
        fail(`${file}: ${e.message}`);
      }
      if (s === schema) main = key;
    }
  }
}
if (refsDir) {
  try {
    load(refsDir);
  } catch (e) {
    fail(`cannot load the schemas in ${refsDir}: ${e.message}`);
  }
}

let validate;
try {
  validate = main ? ajv.getSchema(main) : ajv.compile(schema);
} catch (e) {
  fail(`${schemaFile}: ${e.message}`);
}
if (!validate) fail(`${schemaFile}: could not be compiled`);

// ---- the document ----
const document = readJson(documentFile);
if (validate(document)) {
  process.stdout.write(`${documentFile}: valid against ${schemaFile}\n`);
  process.exit(0);
}
for (const e of validate.errors) {
  const where = e.instancePath || '(document)';
  const params = JSON.stringify(e.params);
  process.stdout.write(`${documentFile}: ${where}: ${e.message} ${params} [${e.schemaPath}]\n`);
}
process.stdout.write(`${documentFile}: INVALID (${validate.errors.length} errors)\n`);
process.exit(1);
