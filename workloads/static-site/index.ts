import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { targetAccountProvider } from "@guardrails/workload-provider";
import { StaticSite } from "./static-site";

const config = new pulumi.Config();
const provider = targetAccountProvider();

const site = new StaticSite(
    "shop",
    {
        comment: config.get("domainComment") ?? pulumi.getStack(),
        priceClass: config.get("priceClass") ?? "PriceClass_100",
        indexHtml: `<!doctype html><title>${pulumi.getProject()}</title><h1>Hello from ${pulumi.getStack()}</h1>`,
    },
    { providers: [provider] },
);

// Invokes need the provider too: they never reach the policy pack.
const caller = aws.getCallerIdentityOutput({}, { provider });

export const url = site.url;
export const bucketName = site.bucketName;
export const deployedToAccount = caller.accountId;
