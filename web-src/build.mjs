// Copy the front-end libraries (and the map's outlines) the dashboard and the offline API docs use from node_modules into
// the Python package (src/parley/web/static/vendor), where they are committed: `pip install` needs
// no Node. Run `npm ci && npm run build` after changing a version in package.json;
// `npm run check` fails if the committed copies differ from node_modules.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "..", "src", "parley", "web", "static", "vendor");
const FILES = [
  ["d3/dist/d3.min.js", "d3/d3.min.js"],
  ["d3/LICENSE", "d3/LICENSE"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"],
  ["swagger-ui-dist/favicon-32x32.png", "swagger-ui/favicon-32x32.png"],
  ["swagger-ui-dist/LICENSE", "swagger-ui/LICENSE"],
  ["swagger-ui-dist/NOTICE", "swagger-ui/NOTICE"],
  // the map's country outlines: Natural Earth's 1:110m Admin 0 boundaries (public domain) as TopoJSON
  ["world-atlas/countries-110m.json", "world-atlas/countries-110m.json"],
  ["world-atlas/LICENSE", "world-atlas/LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client/LICENSE"],
];

const sha = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
const check = process.argv.includes("--check");
const versions = {};
let stale = 0;
for (const [from, to] of FILES) {
  const src = join(here, "node_modules", from);
  const dst = join(vendor, to);
  if (!existsSync(src)) {
    console.error(`missing ${src}: run \`npm ci\` in web-src first`);
    process.exit(1);
  }
  const pkg = from.split("/")[0];
  versions[pkg] = JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"))).version;
  if (check) {
    if (!existsSync(dst) || sha(src) !== sha(dst)) {
      console.error(`stale: ${to}`);
      stale += 1;
    }
    continue;
  }
  mkdirSync(dirname(dst), { recursive: true });
  copyFileSync(src, dst);
  console.log(`${from} -> static/vendor/${to}`);
}
if (check) {
  if (stale) process.exit(1);
  console.log("vendor files match node_modules");
} else {
  writeFileSync(join(vendor, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
}
