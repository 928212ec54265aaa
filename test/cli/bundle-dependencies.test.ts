import * as fs from "node:fs";
import { isBuiltin } from "node:module";
import * as path from "node:path";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "linter/dist");

/** The package a bare import names: `@scope/name` or `name`, without a subpath. */
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/**
 * The CLI is bundled with `packages: "external"`: every package its code imports stays an import of
 * the installed bundle, so each must be a runtime dependency (or a peer) of the package users
 * install, never a dev dependency that only this checkout has. esbuild itself lists what the
 * bundles import (comments and strings are not imports), from the bundles the test setup built.
 */
describe("the installable package", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    const bundles = fs.readdirSync(DIST).filter((f) => f.endsWith(".js"));
    const { metafile } = buildSync({ entryPoints: bundles.map((f) => path.join(DIST, f)), bundle: true, packages: "external", platform: "node", metafile: true, write: false, outdir: path.join(ROOT, "test/.tmp/bundle-imports"), logLevel: "silent" });
    const imported = [...new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => packageOf(i.path))))].sort();

    it("declares every package its bundles import as a dependency or peer dependency", () => {
        expect(bundles).toEqual(expect.arrayContaining(["cli.js", "program-runner.js", "eslint.js"]));
        const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
        expect(imported.filter((p) => !declared.has(p))).toEqual([]);
        // The concurrency limits of preview and audit are p-limit's.
        expect(imported).toContain("p-limit");
    });

    it("has no runtime dependency its bundles never import (dev tools belong in devDependencies)", () => {
        const unused = Object.keys(manifest.dependencies ?? {}).filter((d) => !imported.includes(d));
        expect(unused).toEqual([]);
    });
});
