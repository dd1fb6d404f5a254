// After tsc: the non-TypeScript files under src/ (the site's stylesheet) go beside their modules in dist/.
import { cpSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!/\.ts$/.test(name)) cpSync(path, join("dist", relative("src", path)));
  }
}
walk("src");
