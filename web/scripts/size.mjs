// Gzipped size of everything the page loads (JS and CSS of the build), against the budget.
// Writes target/web-size.txt; exits 1 above the budget.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 26 * 1024;
const dir = "target/classes/static/assets";
const rows = [];
let raw = 0;
let gz = 0;
for (const name of readdirSync(dir).sort()) {
  if (!/\.(js|css)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  rows.push(`${name}\t${bytes.length} B raw\t${zipped} B gzip -9`);
  raw += bytes.length;
  gz += zipped;
}
const report = [...rows, `total\t${raw} B raw\t${gz} B gzip -9\t(budget ${BUDGET} B)`].join("\n") + "\n";
writeFileSync("target/web-size.txt", report);
process.stdout.write(report);
if (gz > BUDGET) {
  console.error(`The page's JS and CSS are ${gz} B gzipped, above the budget of ${BUDGET} B.`);
  process.exit(1);
}
