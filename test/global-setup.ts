import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** The CLI tests run the bundled `guardrail`; bundle it from the current sources first (esbuild, well under a second). */
export default function setup(): void {
    const root = path.resolve(__dirname, "..");
    execFileSync(process.execPath, [path.join(root, "linter/scripts/build-on-install.js")], { cwd: root, stdio: "inherit" });
}
