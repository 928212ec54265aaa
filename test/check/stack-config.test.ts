import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../linter/src/engine/encoding";
import { readProject, readStackConfig, StackConfig } from "../../linter/src/preview/pulumi-project";

// Expected behaviour: pulumi/pulumi sdk/go/common/workspace/project.go (RewriteShorthandConfigValues,
// Project.Validate, ValidateConfigValue) and config.go (mergeConfig, validateStackConfigValue).

function project(pulumiYaml: string, stackYaml: string, files: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: app\nruntime: nodejs\n${pulumiYaml}`);
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackYaml);
    for (const [f, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
}

function read(pulumiYaml: string, stackYaml: string, overrides?: Record<string, string>): StackConfig {
    const p = readProject(project(pulumiYaml, stackYaml));
    return readStackConfig(p, "dev", overrides);
}

describe("stack config as the CLI hands it to a program", () => {
    const rows: { name: string; pulumi: string; stack: string; overrides?: Record<string, string>; config: Record<string, string>; secretKeys?: string[]; placeholders?: string[] }[] = [
        { name: "stack values, project namespace for bare keys, primitives as text", pulumi: "", stack: "config:\n  aws:region: eu-west-1\n  count: 3\n  on: true\n", config: { "aws:region": "eu-west-1", "app:count": "3", "app:on": "true" } },
        { name: "objects as JSON with sorted keys and Go's escaping", pulumi: "", stack: "config:\n  app:tags:\n    z: 1\n    a: '<b>&'\n", config: { "app:tags": '{"a":"\\u003cb\\u003e\\u0026","z":1}' } },
        { name: "shorthand project key: a default", pulumi: "config:\n  owner: platform\n", stack: "config: {}\n", config: { "app:owner": "platform" } },
        { name: "shorthand other namespace: a value, stack wins", pulumi: "config:\n  aws:region: ap-southeast-2\n  aws:profile: ci\n", stack: "config:\n  aws:region: eu-west-1\n", config: { "aws:region": "eu-west-1", "aws:profile": "ci" } },
        { name: "an array value (disable-default-providers at project level)", pulumi: 'config:\n  pulumi:disable-default-providers: ["aws"]\n', stack: "config: {}\n", config: { "pulumi:disable-default-providers": '["aws"]' } },
        { name: "typed default; an object value", pulumi: "config:\n  replicas:\n    type: integer\n    default: 2\n  tags:\n    value: {team: x}\n", stack: "config: {}\n", config: { "app:replicas": "2", "app:tags": '{"team":"x"}' } },
        { name: "typed keys accept their stack values (integer text, boolean text, arrays)", pulumi: "config:\n  n: {type: integer}\n  b: {type: boolean}\n  l: {type: array, items: {type: string}}\n", stack: "config:\n  app:n: 7\n  app:b: 'false'\n  app:l: [a, b]\n", config: { "app:n": "7", "app:b": "false", "app:l": '["a","b"]' } },
        {
            name: "secure values: the unknown value as placeholder, secret",
            pulumi: "",
            stack: "config:\n  app:password:\n    secure: v1:abc\n  app:db:\n    host: h\n    pass:\n      secure: v1:def\n",
            config: { "app:password": UNKNOWN, "app:db": `{"host":"h","pass":"${UNKNOWN}"}` },
            secretKeys: ["app:db", "app:password"],
            placeholders: ["app:db", "app:password"],
        },
        {
            name: "--stack-config gives a secure key a test value that stays secret, and adds keys",
            pulumi: "",
            stack: "config:\n  app:password:\n    secure: v1:abc\n",
            overrides: { password: "test-value", "aws:region": "eu-west-2" },
            config: { "app:password": "test-value", "aws:region": "eu-west-2" },
            secretKeys: ["app:password"],
            placeholders: [],
        },
        { name: "a typed key given only by --stack-config", pulumi: "config:\n  n: {type: integer}\n", stack: "config: {}\n", overrides: { n: "5" }, config: { "app:n": "5" } },
        { name: "a secret declaration met by a secure value (placeholders are not type-checked)", pulumi: "config:\n  key: {type: integer, secret: true}\n", stack: "config:\n  app:key:\n    secure: v1:x\n", config: { "app:key": UNKNOWN }, secretKeys: ["app:key"], placeholders: ["app:key"] },
    ];
    it.each(rows)("$name", ({ pulumi, stack, overrides, config, secretKeys, placeholders }) => {
        const got = read(pulumi, stack, overrides);
        expect(got.config).toEqual(config);
        expect(got.secretKeys).toEqual(secretKeys ?? []);
        expect(got.placeholders).toEqual(placeholders ?? []);
    });

    it("stack files in stackConfigDir, and the old `config: <dir>` spelling", () => {
        for (const pulumiYaml of ["stackConfigDir: stacks\n", "config: stacks\n"]) {
            const dir = project(pulumiYaml, "config: {}\n", { "stacks/Pulumi.prod.yaml": "config:\n  aws:region: eu-west-1\n" });
            const p = readProject(dir);
            expect(p.stacks).toEqual(["prod"]);
            expect(readStackConfig(p, "prod").config).toEqual({ "aws:region": "eu-west-1" });
        }
    });
});

describe("config the CLI refuses, with its messages", () => {
    const rows: { name: string; pulumi: string; stack: string; overrides?: Record<string, string>; error: string }[] = [
        { name: "a required project key the stack lacks", pulumi: "config:\n  targetAccountId: {type: string}\n", stack: "config: {}\n", error: "Stack 'dev' is missing configuration value 'targetAccountId'" },
        { name: "several of them", pulumi: "config:\n  b: {type: string}\n  a: {type: string}\n  c: {type: string}\n", stack: "config: {}\n", error: "Stack 'dev' is missing configuration values 'a', 'b' and 'c'" },
        { name: "a stack value of the wrong type", pulumi: "config:\n  replicas: {type: integer}\n", stack: "config:\n  app:replicas: many\n", error: "Stack 'dev' with configuration key 'replicas' must be of type 'integer'" },
        { name: "a list where a string is declared", pulumi: "config:\n  name: {type: string}\n", stack: "config:\n  app:name: [a]\n", error: "Stack 'dev' with configuration key 'name' must be of type 'string'" },
        { name: "array items of the wrong type", pulumi: "config:\n  ports: {type: array, items: {type: integer}}\n", stack: "config:\n  app:ports: [80, http]\n", error: "must be of type 'array<integer>'" },
        { name: "a --stack-config test value of the wrong type", pulumi: "config:\n  n: {type: integer}\n", stack: "config: {}\n", overrides: { n: "five" }, error: "Stack 'dev' with configuration key 'n' must be of type 'integer'" },
        { name: "a secret declaration met by a plain value", pulumi: "config:\n  token: {type: string, secret: true}\n", stack: "config:\n  app:token: plain\n", error: "Stack 'dev' with configuration key 'token' must be encrypted as it's secret" },
        { name: "a default of the wrong type", pulumi: "config:\n  n: {type: integer, default: x}\n", stack: "config: {}\n", error: "The default value specified for configuration key 'n' is not of the expected type 'integer'" },
        { name: "both default and value", pulumi: "config:\n  n: {default: 1, value: 2}\n", stack: "config: {}\n", error: "project config 'n' cannot have both a 'default' and 'value' attribute" },
        { name: "an array declaration without items", pulumi: "config:\n  l: {type: array}\n", stack: "config: {}\n", error: "The configuration key 'l' declares an array but does not specify the underlying type via the 'items' attribute" },
        { name: "a type on another namespace's key", pulumi: "config:\n  aws:region: {type: string}\n", stack: "config: {}\n", error: "Configuration key 'aws:region' is not namespaced by the project and should not define a type" },
        { name: "a default on another namespace's key", pulumi: "config:\n  aws:region: {default: eu-west-1}\n", stack: "config: {}\n", error: "Did you mean to use the 'value' attribute instead of 'default'?" },
        { name: "another namespace's key without a value", pulumi: "config:\n  aws:region: {description: where}\n", stack: "config: {}\n", error: "Configuration key 'aws:region' is namespaced and must provide an attribute 'value'" },
    ];
    it.each(rows)("$name", ({ pulumi, stack, overrides, error }) => {
        expect(() => read(pulumi, stack, overrides)).toThrow(error);
    });
});
