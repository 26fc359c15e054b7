// Bundles the console into one script and one style sheet, with the page beside them, into the
// directory given as the first argument (the Maven build passes the jar's resource directory).
// Everything is in the bundle: the page loads nothing from anywhere else.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTPUT_DIRECTORY');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: { console: join(here, 'src/main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: out,
  logLevel: 'warning',
  legalComments: 'none',
});
copyFileSync(join(here, 'src/index.html'), join(out, 'index.html'));
