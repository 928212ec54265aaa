import * as fs from "node:fs";
import * as path from "node:path";
import { TOOL_VERSION } from "../version";

/** The installable package's name: what a user's pack folder imports the policy library from. */
export const PACKAGE_NAME = "pulumi-aws-guardrails";

/** The files of a user's pack folder, relative to it, with their exact contents. */
export type FolderFiles = Record<string, string>;

export interface PackVersions {
    /** How the pack's package.json asks for pulumi-aws-guardrails, @pulumi/policy and @pulumi/pulumi. */
    guardrails: string;
    policy: string;
    pulumi: string;
}

interface PackageJson {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
}

function readPackageJson(file: string): PackageJson | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
    } catch {
        return undefined;
    }
}

/**
 * How the pack's package.json should ask for a package, for `pulumi policy publish` (which installs
 * the pack's own dependencies where it runs): as the repository's package.json asks for it, a
 * relative `file:` path rebased onto the pack folder; else the installed version; else `fallback`.
 */
function specFor(name: string, repoDir: string, packDir: string, fallback: string): string {
    const root = readPackageJson(path.join(repoDir, "package.json"));
    const spec = root?.dependencies?.[name] ?? root?.devDependencies?.[name];
    if (spec) {
        const file = /^file:(.+)$/.exec(spec);
        if (file && !path.isAbsolute(file[1])) {
            return `file:${path.relative(packDir, path.resolve(repoDir, file[1])).split(path.sep).join("/")}`;
        }
        return spec;
    }
    const installed = installedVersion(name, packDir);
    return installed ? `^${installed}` : fallback;
}

/** The version of `name` that Node resolves from `fromDir`, if any. */
export function installedVersion(name: string, fromDir: string): string | undefined {
    try {
        const file = require.resolve(`${name}/package.json`, { paths: [fromDir] });
        return (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: string }).version;
    } catch {
        return undefined;
    }
}

export function packVersions(repoDir: string, packDir: string): PackVersions {
    return {
        guardrails: specFor(PACKAGE_NAME, repoDir, packDir, `^${TOOL_VERSION}`),
        policy: specFor("@pulumi/policy", repoDir, packDir, "^1.21.0"),
        pulumi: specFor("@pulumi/pulumi", repoDir, packDir, "^3.248.0"),
    };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * A pack folder over the installed policy library, as this repository's policypack/ is over its
 * source: ready for `pulumi preview --policy-pack` (its imports resolve from the repository's
 * node_modules, so nothing is installed inside it) and `pulumi policy publish` (its package.json
 * declares what it imports).
 */
export function packFolderFiles(versions: PackVersions, policyConfig: Record<string, unknown>): FolderFiles {
    return {
        "PulumiPolicy.yaml": "description: Multi-account AWS guardrails - no resource on a default provider or in the management account.\nruntime: nodejs\n",
        "package.json": json({
            name: "aws-account-guardrails-policypack",
            version: "0.1.0",
            private: true,
            description: "CrossGuard policy pack over pulumi-aws-guardrails/policy (written by guardrail init).",
            main: "index.ts",
            dependencies: { "@pulumi/policy": versions.policy, "@pulumi/pulumi": versions.pulumi, [PACKAGE_NAME]: versions.guardrails },
        }),
        "index.ts":
            'import { PolicyPack } from "@pulumi/policy";\n' +
            `import { PACK_DESCRIPTION, PACK_NAME, policies } from "${PACKAGE_NAME}/policy";\n\n` +
            "// Written by `guardrail init`: the guardrail policies, configured by policy-config.json\n" +
            "// (`pulumi preview --policy-pack ./policypack --policy-pack-config ./policypack/policy-config.json`).\n" +
            "new PolicyPack(PACK_NAME, { description: PACK_DESCRIPTION, policies });\n",
        // The pack's own compiler settings, so that a repository tsconfig made for the programs (ES
        // modules, paths) does not change how the pack process compiles it.
        "tsconfig.json": json({
            compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, esModuleInterop: true, skipLibCheck: true, types: [] },
            include: ["index.ts"],
        }),
        "policy-config.json": json(policyConfig),
    };
}
