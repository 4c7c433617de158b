#!/usr/bin/env node
// kqlcheck.js - parse + semantically bind a KQL query against a table schema.
//
// Usage:   node kqlcheck.js SCHEMA.json < query.kql
// Exit:    0 = no errors (warnings/suggestions may be printed), 1 = the query
//          has errors, 2 = usage error (bad args, bad schema, package missing).
// Output:  one line per diagnostic on stderr:
//          "<severity> <line>:<col> [<code>] <message>"
//          line/col are 1-based; 0:0 means the diagnostic has no location.
//          Severity is Error, Warning or Suggestion; only Error fails.
//
// Needs @kusto/language-service-next (pinned: 12.4.1), found as kusto.js
// says: installed locally (next to this script or in cwd) or globally.
//
// SCHEMA.json form (column order is kept; types are Kusto scalar type names:
// bool, int, long, real, decimal, datetime, timespan, string, dynamic, guid):
//   {
//     "database": "LogAnalytics",            // optional, default "db"
//     "tables": {
//       "TableName": { "Column1": "datetime", "Column2": "string", ... },
//       ...
//     }
//   }
'use strict';
const fs = require('fs');
const { loadKusto } = require('./kusto.js');

function die(msg) {
  process.stderr.write('kqlcheck: ' + msg + '\n');
  process.exit(2);
}

function loadSchema(file, L) {
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    die('cannot read schema ' + file + ': ' + e.message);
  }
  if (!json || typeof json.tables !== 'object' || json.tables === null) {
    die('schema ' + file + ': missing "tables" object');
  }
  const S = L.Symbols;
  const tables = [];
  for (const [tname, cols] of Object.entries(json.tables)) {
    if (!cols || typeof cols !== 'object') die('schema: table ' + tname + ' must be an object of column:type');
    const columns = [];
    for (const [cname, ctype] of Object.entries(cols)) {
      const type = S.ScalarTypes.GetSymbol(String(ctype));
      if (!type || type === S.ScalarTypes.Unknown) die('schema: ' + tname + '.' + cname + ': unknown type "' + ctype + '"');
      columns.push(new S.ColumnSymbol(cname, type, null, null, null, null));
    }
    tables.push(new S.TableSymbol.$ctor4(tname, columns));
  }
  const db = new S.DatabaseSymbol.ctor(json.database || 'db', tables);
  return L.GlobalState.Default.WithDatabase(db);
}

function location(code, d) {
  const line = { v: 0 }, col = { v: 0 };
  if (d.HasLocation && code.TryGetLineAndOffset(d.Start, line, col)) return line.v + ':' + col.v;
  return '0:0';
}

function main() {
  if (process.argv.length !== 3) die('usage: node kqlcheck.js SCHEMA.json < query.kql');
  const L = loadKusto('kqlcheck', die);
  const globals = loadSchema(process.argv[2], L);
  let query;
  try { query = fs.readFileSync(0, 'utf8').replace(/^\uFEFF/, ''); } catch (e) { die('cannot read query from stdin: ' + e.message); }

  const code = L.KustoCode.ParseAndAnalyze(query, globals);
  const list = code.GetDiagnostics();   // parser + binder diagnostics (KSnnn)
  const diags = [];
  for (let i = 0; i < list.Count; i++) diags.push(list.getItem(i));
  // Advisory analyzers (KS5nn: join without kind, isnull(string), ...):
  // they only ever report Warning/Suggestion.
  const advice = new L.Editor.KustoCodeService.ctor(code).GetAnalyzerDiagnostics(true);
  for (let i = 0; i < advice.Count; i++) diags.push(advice.getItem(i));

  let errors = 0;
  for (const d of diags) {
    if (d.Severity === L.DiagnosticSeverity.Error) errors++;
    process.stderr.write(d.Severity + ' ' + location(code, d) + ' [' + d.Code + '] ' + d.Message.replace(/\s*\n\s*/g, ' ') + '\n');
  }
  // The service accepts an empty query or one made only of let statements.
  if (errors === 0 && code.ResultType == null) {
    errors++;
    process.stderr.write('Error 0:0 [kqlcheck] query has no result expression (empty, or only let statements)\n');
  }
  process.exit(errors ? 1 : 0);
}

try {
  main();
} catch (e) {   // an internal failure must not look like "query has errors" (1)
  die('internal error: ' + (e && e.stack || e));
}
