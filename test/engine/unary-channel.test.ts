/**
 * The session's unary calls against a real grpc-js server (the one @pulumi/policy serves packs
 * with): answers, statuses and failures as gRPC defines them (grpc/grpc doc/PROTOCOL-HTTP2.md,
 * doc/statuscodes.md).
 */
import type * as grpcTypes from "@grpc/grpc-js";
import { createRequire } from "node:module";
import * as net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Status, UnaryCallError, UnaryChannel } from "../../linter/src/engine/unary-channel";

const grpc = createRequire(require.resolve("@pulumi/pulumi/package.json"))("@grpc/grpc-js") as typeof grpcTypes;

const bytes = (b: Buffer) => b;
const method = (path: string): grpcTypes.MethodDefinition<Buffer, Buffer> => ({
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: bytes,
    requestDeserialize: bytes,
    responseSerialize: bytes,
    responseDeserialize: bytes,
});
const service = {
    echo: method("/test.Probe/Echo"),
    fail: method("/test.Probe/Fail"),
    hang: method("/test.Probe/Hang"),
    empty: method("/test.Probe/Empty"),
};

let server: grpcTypes.Server;
let address: string;
const cancelled: string[] = [];

beforeAll(async () => {
    server = new grpc.Server({ "grpc.max_receive_message_length": 64 * 1024 * 1024 });
    server.addService(service, {
        echo: (call: grpcTypes.ServerUnaryCall<Buffer, Buffer>, cb: grpcTypes.sendUnaryData<Buffer>) => cb(null, Buffer.concat([Buffer.from("echo:"), call.request])),
        // The message carries characters that must be percent-encoded on the wire.
        fail: (_call: unknown, cb: grpcTypes.sendUnaryData<Buffer>) => cb({ code: grpc.status.INVALID_ARGUMENT, details: "policy 'x' failed: 100% wrong, naïve\nsecond line" }),
        hang: (call: grpcTypes.ServerUnaryCall<Buffer, Buffer>) => call.on("cancelled", () => cancelled.push(call.request.toString())),
        empty: (_call: unknown, cb: grpcTypes.sendUnaryData<Buffer>) => cb(null, Buffer.alloc(0)),
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    address = `127.0.0.1:${port}`;
});

afterAll(() => {
    server.forceShutdown();
});

async function failure(p: Promise<unknown>): Promise<UnaryCallError> {
    const e = await p.then(
        () => undefined,
        (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UnaryCallError);
    return e as UnaryCallError;
}

describe("unary calls over one connection", () => {
    it("answers each call with its own answer, many at once, large and empty messages included", async () => {
        const channel = new UnaryChannel(address);
        try {
            const requests = Array.from({ length: 200 }, (_, i) => Buffer.from(`request-${i}`));
            const large = Buffer.alloc(3 * 1024 * 1024, 7); // beyond HTTP/2's initial flow-control window
            const answers = await Promise.all([...requests, large].map((r) => channel.call(service.echo.path, r, 10_000)));
            answers.slice(0, 200).forEach((a, i) => expect(a.toString()).toBe(`echo:request-${i}`));
            expect(answers[200].length).toBe(large.length + 5);
            expect(answers[200].subarray(5).equals(large)).toBe(true);
            expect((await channel.call(service.empty.path, Buffer.alloc(0), 10_000)).length).toBe(0);
        } finally {
            channel.close();
        }
    });

    it("rejects with the server's status code and its message decoded", async () => {
        const channel = new UnaryChannel(address);
        try {
            const e = await failure(channel.call(service.fail.path, Buffer.from("x"), 10_000));
            expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
            expect(e.details).toBe("policy 'x' failed: 100% wrong, naïve\nsecond line");
        } finally {
            channel.close();
        }
    });

    it("rejects a method the server does not serve as UNIMPLEMENTED", async () => {
        const channel = new UnaryChannel(address);
        try {
            expect((await failure(channel.call("/test.Probe/Missing", Buffer.from("x"), 10_000))).code).toBe(Status.UNIMPLEMENTED);
        } finally {
            channel.close();
        }
    });

    it("gives up at the deadline, and the server learns the call was cancelled", async () => {
        const channel = new UnaryChannel(address);
        try {
            const started = Date.now();
            const e = await failure(channel.call(service.hang.path, Buffer.from("slow-1"), 300));
            expect(e.code).toBe(Status.DEADLINE_EXCEEDED);
            expect(Date.now() - started).toBeLessThan(5_000);
            await expect.poll(() => cancelled, { timeout: 5_000 }).toContain("slow-1");
        } finally {
            channel.close();
        }
    });

    it("rejects as UNAVAILABLE, never hangs, when nothing listens at the address", async () => {
        const port = await new Promise<number>((resolve) => {
            const probe = net.createServer().listen(0, "127.0.0.1", () => {
                const p = (probe.address() as net.AddressInfo).port;
                probe.close(() => resolve(p));
            });
        });
        const channel = new UnaryChannel(`127.0.0.1:${port}`);
        try {
            const e = await failure(channel.call(service.echo.path, Buffer.from("x"), 10_000));
            expect(e.code).toBe(Status.UNAVAILABLE);
            expect(e.message).toMatch(/ECONNREFUSED/);
        } finally {
            channel.close();
        }
    });

    it("rejects calls in flight as UNAVAILABLE when the server goes away, and later calls at once", async () => {
        const own = new grpc.Server();
        own.addService(service, { echo: () => undefined, fail: () => undefined, hang: () => undefined, empty: () => undefined });
        const port = await new Promise<number>((resolve, reject) => own.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
        const channel = new UnaryChannel(`127.0.0.1:${port}`);
        try {
            const inFlight = channel.call(service.hang.path, Buffer.from("x"), 10_000);
            await new Promise((r) => setTimeout(r, 200));
            own.forceShutdown();
            expect((await failure(inFlight)).code).toBe(Status.UNAVAILABLE);
            expect((await failure(channel.call(service.echo.path, Buffer.from("x"), 10_000))).code).toBe(Status.UNAVAILABLE);
        } finally {
            channel.close();
        }
    });
});
