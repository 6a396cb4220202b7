#!/usr/bin/env node
// check-epcis-schema.js SCHEMA DOCUMENT… — validates EPCIS 2.0 documents
// against GS1's JSON Schema with ajv (Debian's node-ajv), one TAP line each.
// Errors name the event and the field, so a failure says what to fix.
'use strict';
const fs = require('fs');
const Ajv = require('ajv');

const [schemaPath, ...docs] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, schemaId: 'auto', format: 'full', unknownFormats: 'ignore' });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let failed = 0;

console.log(`1..${docs.length}`);
docs.forEach((path, i) => {
  const doc = JSON.parse(fs.readFileSync(path, 'utf8'));
  if (validate(doc)) {
    console.log(`ok ${i + 1} ${path}`);
    return;
  }
  failed++;
  console.log(`not ok ${i + 1} ${path}`);
  for (const e of validate.errors.slice(0, 20))
    console.log(`# ${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`);
});
process.exit(failed ? 1 : 0);
