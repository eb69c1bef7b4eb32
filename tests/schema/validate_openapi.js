#!/usr/bin/env node
// validate_openapi.js DOCUMENT - checks the OpenAPI description DOCUMENT (JSON) against
// the OpenAPI 3.1 schema with @seriousme/openapi-schema-validator (tests/schema/
// node_modules: npm ci --prefix tests/schema), refusing any other OpenAPI version. Prints
// each error and exits 0 when valid, 1 when not, 2 when the check could not run.
'use strict';

const fs = require('fs');

async function main() {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: validate_openapi.js DOCUMENT\n');
    process.exit(2);
  }
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`validate_openapi.js: ${e.message}\n`);
    process.exit(2);
  }
  const { Validator } = require('@seriousme/openapi-schema-validator');
  const validator = new Validator();
  const res = await validator.validate(doc);
  if (validator.version !== '3.1') {
    process.stdout.write(`not an OpenAPI 3.1 document (version ${validator.version})\n`);
    process.exit(1);
  }
  if (!res.valid) {
    process.stdout.write(JSON.stringify(res.errors, null, 2) + '\n');
    process.exit(1);
  }
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`validate_openapi.js: ${e.stack || e}\n`);
  process.exit(2);
});
