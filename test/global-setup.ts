import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** The CLI tests run the built `guardrail`; build it from the current sources first. */
export default function setup(): void {
    const root = path.resolve(__dirname, "..");
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "linter/tsconfig.build.json")], { cwd: root, stdio: "inherit" });
}
