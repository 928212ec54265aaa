import * as fs from "node:fs";
import * as path from "node:path";
import { GuardrailError } from "../errors";
import { FolderFiles, installedVersion, packFolderFiles, packVersions } from "./pack-folder";

export const PACK_FOLDER = "policypack";
export const CONFIG_FILE = "guardrail.config.json";

export type FileOutcome = "created" | "unchanged" | "overwritten" | "kept";

export interface InitResult {
    files: { file: string; outcome: FileOutcome }[];
    /** What the user still has to do (a missing dependency), one line each. */
    todo: string[];
}

/** guardrail.config.json: the pack and its config for `check`, relative to the repository. */
function configFile(): string {
    return `${JSON.stringify({ preview: { policyPack: PACK_FOLDER, policyPackConfig: `${PACK_FOLDER}/policy-config.json` } }, null, 2)}\n`;
}

/**
 * Writes the guardrail setup into `repoDir`: never changes a file that exists with other contents
 * unless `force`, and leaves identical files untouched, so a second run with the same inputs
 * changes nothing.
 */
export function initRepository(repoDir: string, policyConfig: Record<string, unknown>, force: boolean): InitResult {
    const packDir = path.join(repoDir, PACK_FOLDER);
    const files: FolderFiles = { [CONFIG_FILE]: configFile() };
    for (const [name, text] of Object.entries(packFolderFiles(packVersions(repoDir, packDir), policyConfig))) {
        files[`${PACK_FOLDER}/${name}`] = text;
    }
    const result: InitResult = { files: [], todo: [] };
    for (const [file, text] of Object.entries(files)) {
        const full = path.join(repoDir, file);
        let existing: string | undefined;
        try {
            existing = fs.readFileSync(full, "utf8");
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
                throw new GuardrailError(`cannot read ${file}: ${(e as Error).message}`);
            }
        }
        const outcome: FileOutcome = existing === undefined ? "created" : existing === text ? "unchanged" : force ? "overwritten" : "kept";
        if (outcome === "created" || outcome === "overwritten") {
            try {
                fs.mkdirSync(path.dirname(full), { recursive: true });
                fs.writeFileSync(full, text);
            } catch (e) {
                throw new GuardrailError(`cannot write ${file}: ${(e as Error).message}`);
            }
        }
        result.files.push({ file, outcome });
    }
    for (const name of ["@pulumi/policy", "@pulumi/pulumi"]) {
        if (!installedVersion(name, packDir)) {
            result.todo.push(`install ${name} in this repository (npm install --save-dev ${name}): the pack runs with the repository's node_modules`);
        }
    }
    return result;
}

/** The pre-commit hook for a repository that has guardrail installed: its own copy, no second install. */
export const PRE_COMMIT_SNIPPET = `# .pre-commit-config.yaml
repos:
  - repo: local
    hooks:
      - id: guardrail-lint
        name: guardrail lint
        entry: npx --no-install guardrail lint
        language: system
        files: \\.(ts|tsx|mts|cts)$
        exclude: \\.d\\.(ts|mts|cts)$
        require_serial: true
`;

/** The CI step: lint and offline preview of every program, findings as annotations on the pull request. */
export const CI_STEP = `# a GitHub Actions step, after npm ci (SARIF for code scanning: --format sarif --output-file guardrail.sarif)
      - run: npx guardrail check --format github
`;
