#!/usr/bin/env node
// validate_stix.js SCHEMA_DIR BUNDLE.json... - checks STIX 2.1 bundles against the OASIS
// JSON Schemas (draft 2020-12) in SCHEMA_DIR (the folder holding common/, sdos/, sros/,
// observables/). Every schema file is loaded, so $refs resolve; the bundle is checked as
// {type: "bundle", id, objects: [...]} (the published bundle.json does not list every SDO,
// e.g. incident), then each object on its own against the schema of its type
// (sdos/<type>.json, sros/<type>.json, observables/<type>.json or common/<type>.json),
// and ids must be unique within the bundle. Prints every error; exits 0 when all bundles
// are valid, 1 when one is not, 2 when the check could not run (usage, missing ajv,
// unreadable files). Uses ajv and ajv-formats from tests/schema/node_modules.
'use strict';

const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`validate_stix: ${message}\n`);
  process.exit(2);
}

if (process.argv.length < 4) fail('usage: validate_stix.js SCHEMA_DIR BUNDLE.json...');

let Ajv2020, addFormats;
try {
  Ajv2020 = require('ajv/dist/2020');
  addFormats = require('ajv-formats');
} catch (e) {
  fail(`ajv and ajv-formats are not installed (npm ci --prefix tests/schema): ${e.message}`);
}

const schemaDir = path.resolve(process.argv[2]);
// unicodeRegExp: false - one pattern in the STIX schemas has an escape that JavaScript's
// unicode mode rejects.
const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);
// ajv-formats has no checker for idn-hostname (observables/domain-name.json): accepted as
// any string, said here rather than warned about on every run.
ajv.addFormat('idn-hostname', true);

// relative path ("sdos/incident.json") -> the schema's $id
const ids = new Map();
function load(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      load(file);
    } else if (entry.name.endsWith('.json')) {
      let schema;
      try {
        schema = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        fail(`${file}: ${e.message}`);
      }
      const rel = path.relative(schemaDir, file).split(path.sep).join('/');
      const id = schema.$id || rel;
      ajv.addSchema(schema, id);
      ids.set(rel, id);
    }
  }
}
try {
  load(schemaDir);
} catch (e) {
  fail(`cannot load the schemas in ${schemaDir}: ${e.message}`);
}
if (!ids.has('common/bundle.json') || !ids.has('common/core.json'))
  fail(`${schemaDir} does not hold the STIX 2.1 schemas (common/bundle.json missing)`);

const bundleShape = ajv.compile({
  type: 'object',
  properties: {
    type: { const: 'bundle' },
    id: { $ref: `${ids.get('common/bundle.json')}#/properties/id` },
    objects: { type: 'array', minItems: 1, items: { type: 'object' } },
  },
  required: ['type', 'id', 'objects'],
  additionalProperties: false,
});

function schemaFor(type) {
  if (typeof type !== 'string' || !/^[a-z0-9-]+$/.test(type)) return null;
  for (const folder of ['sdos', 'sros', 'observables', 'common']) {
    const id = ids.get(`${folder}/${type}.json`);
    if (id) return ajv.getSchema(id);
  }
  return null;
}

function describe(errors) {
  return errors.map((e) => `  ${e.instancePath || '/'} ${e.message}` +
    (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '') +
    ` (${e.schemaPath})`);
}

let invalid = 0;
for (const file of process.argv.slice(3)) {
  let bundle;
  try {
    bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`${file}: ${e.message}`);
  }
  const errors = [];
  if (!bundleShape(bundle)) {
    errors.push('bundle:', ...describe(bundleShape.errors));
  }
  const objects = bundle && Array.isArray(bundle.objects) ? bundle.objects : [];
  const seen = new Set();
  objects.forEach((object, i) => {
    const type = object && object.type;
    const label = `objects[${i}] (${type}${object && object.id ? ' ' + object.id : ''})`;
    if (object && object.id) {
      if (seen.has(object.id)) errors.push(`${label}: duplicate id`);
      seen.add(object.id);
    }
    const validate = schemaFor(type);
    if (!validate) {
      errors.push(`${label}: no schema for type ${JSON.stringify(type)}`);
    } else if (!validate(object)) {
      errors.push(`${label}:`, ...describe(validate.errors));
    }
  });
  if (errors.length) {
    invalid++;
    process.stdout.write(`${file}: INVALID\n${errors.join('\n')}\n`);
  } else {
    process.stdout.write(`${file}: valid (${objects.length} objects)\n`);
  }
}
process.exit(invalid ? 1 : 0);
