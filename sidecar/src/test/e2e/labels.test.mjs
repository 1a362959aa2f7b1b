// The dashboard's vocabularies (web/js/labels.js) against the feedback tool's contract, run with node --test:
// a value the contract gains must reach the dashboard's filters, charts and badges, with a human label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

// Loaded as text for the same reason as in sse.test.mjs: the page's modules have no package.json.
const source = await readFile(new URL('../../main/resources/web/js/labels.js', import.meta.url), 'utf8');
const { GAP_TYPES, RESOLUTIONS, label } =
  await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const schema = JSON.parse(
  await readFile(new URL('../../../../drop-ins/contract/feedback-tool.schema.json', import.meta.url), 'utf8'));

for (const [field, values] of [['gap_type', GAP_TYPES], ['resolution', RESOLUTIONS]]) {
  test(`the dashboard lists exactly the contract's ${field} values, in its order`, () => {
    const contract = schema.inputSchema.properties[field].enum;
    assert.ok(Array.isArray(contract) && contract.length > 0, `the contract has no ${field} enum`);
    assert.deepEqual(values, contract);
  });

  test(`every ${field} value has a human label`, () => {
    for (const value of values) {
      assert.notEqual(label(value), value, `${value} has no label in labels.js`);
    }
  });
}
