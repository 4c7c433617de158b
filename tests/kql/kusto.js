// kusto.js - load the Kusto language service for the test scripts here.
//
// The package @kusto/language-service-next (pinned: 12.4.1) is found by
// normal resolution (this directory, NODE_PATH), then the current
// directory, then the global root `npm root -g` reports, then npm's default
// global root next to the node binary (which works without npm on PATH).
'use strict';
const path = require('path');

const PKG = '@kusto/language-service-next';
const PKG_VERSION = '12.4.1';

function findPackageDir() {
  const name = PKG + '/package.json';
  const prefix = path.dirname(path.dirname(process.execPath));   // e.g. /usr
  const tries = [
    () => require.resolve(name),
    () => require.resolve(name, { paths: [process.cwd()] }),
    () => {
      const out = require('child_process').execFileSync('npm', ['root', '-g'], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30000,
      });
      return require.resolve(name, { paths: [out.trim()] });
    },
    () => require.resolve(name, { paths: [path.join(prefix, 'lib', 'node_modules')] }),
  ];
  for (const t of tries) {
    try { return path.dirname(t()); } catch (e) { /* try next */ }
  }
  return null;
}

// Kusto.Language, or die(message) if the package is missing or broken;
// a version other than the pinned one is noted on stderr as tool's.
function loadKusto(tool, die) {
  const dir = findPackageDir();
  if (!dir) {
    die(PKG + ' not found; install it with: npm install -g ' + PKG + '@' + PKG_VERSION);
  }
  const version = require(path.join(dir, 'package.json')).version;
  if (version !== PKG_VERSION) {
    process.stderr.write(tool + ': note: using ' + PKG + ' ' + version + ' (tested with ' + PKG_VERSION + ')\n');
  }
  // The package is Bridge.NET output: bridge.js defines the global `Bridge`
  // runtime, then Kusto.Language.Bridge.js defines the global `Kusto`.
  require(path.join(dir, 'bridge.js'));
  require(path.join(dir, 'Kusto.Language.Bridge.js'));
  if (typeof Kusto === 'undefined' || !Kusto.Language) die('failed to load ' + PKG + ' from ' + dir);
  return Kusto.Language;
}

module.exports = { loadKusto };
