import { describe, expect, it } from "vitest";
import { providerAsResource, resource } from "../harness/resources";
import { DEV, PROD, subAccountProvider, usePackSession } from "./fixtures";

const POLICY = "single-target-account";
const session = usePackSession();
const dev = subAccountProvider(DEV, "dev");
const prod = subAccountProvider(PROD, "prod");

describe(POLICY, () => {
    it("is quiet when every resource acts in one account", async () => {
        const resources = [providerAsResource(dev), resource("aws:s3/bucket:Bucket", "a", { provider: dev }), resource("aws:sqs/queue:Queue", "q", { provider: dev })];
        const got = (await session().analyzeStack(resources)).filter((d) => d.policyName === POLICY);
        expect(got).toEqual([]);
    });
    it("notes a stack whose resources land in two accounts", async () => {
        const resources = [resource("aws:s3/bucket:Bucket", "a", { provider: dev }), resource("aws:s3/bucket:Bucket", "b", { provider: prod }), resource("aws:s3/bucket:Bucket", "c", { provider: prod })];
        const got = (await session().analyzeStack(resources)).filter((d) => d.policyName === POLICY);
        expect(got.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
        expect(got[0].message).toMatch(/act in 2 different accounts \(222222222222: 1; 333333333333: 2\)/);
    });
});
