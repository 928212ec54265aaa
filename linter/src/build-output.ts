import * as fs from "node:fs";
import * as path from "node:path";
import { ts } from "@ts-morph/common";

/**
 * Where a folder's tsconfig.json puts the compiled program (`outDir`, absolute), `extends` chains
 * included, the way tsc resolves it: copies of a project's code that no command should read twice.
 * The config's `include` is not enumerated (a host with no directory listing), so this stays a
 * few file reads however large the project.
 */
export function outDirOf(dir: string): string | undefined {
    const file = path.join(dir, "tsconfig.json");
    if (!fs.existsSync(file)) {
        return undefined;
    }
    const { config } = ts.readConfigFile(file, ts.sys.readFile);
    if (!config) {
        return undefined;
    }
    const host: ts.ParseConfigHost = { useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, readDirectory: () => [], fileExists: ts.sys.fileExists, readFile: ts.sys.readFile };
    const outDir = ts.parseJsonConfigFileContent(config, host, dir, undefined, file).options.outDir;
    return typeof outDir === "string" ? path.resolve(dir, outDir) : undefined;
}
