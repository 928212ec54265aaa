/**
 * Unary gRPC calls over one HTTP/2 connection, as the gRPC wire protocol defines them
 * (grpc/grpc `doc/PROTOCOL-HTTP2.md`): a POST to `/<service>/<method>` with `content-type:
 * application/grpc` and `te: trailers`, the message as one length-prefixed frame, the answer as one
 * frame and `grpc-status` in the trailers (or in the headers of a trailers-only answer).
 *
 * Why not the grpc-js client: an audit makes 100,000 Analyze calls, and per call the grpc-js client
 * builds a chain of call objects (resolving, retrying, load-balancing, subchannel calls, interceptors,
 * metadata), which was most of the engine side's CPU and garbage. The pack still serves through its
 * own grpc-js server, so what it receives is byte for byte what any gRPC client sends; the
 * engine-protocol tests run every call of the session through this channel.
 */
import * as http2 from "node:http2";

/** A failed call: the gRPC status code (grpc/grpc `doc/statuscodes.md`) and the pack's message. */
export class UnaryCallError extends Error {
    constructor(
        readonly code: number,
        readonly details: string,
    ) {
        super(details);
        this.name = "UnaryCallError";
    }
}

export const Status = { OK: 0, CANCELLED: 1, UNKNOWN: 2, DEADLINE_EXCEEDED: 4, UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14 } as const;

const FRAME_HEADER = 5;

function frame(message: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(FRAME_HEADER + message.length);
    out[0] = 0; // not compressed
    out.writeUInt32BE(message.length, 1);
    out.set(message, FRAME_HEADER);
    return out;
}

/** grpc-message is percent-encoded (PROTOCOL-HTTP2.md, "Responses"). */
function decodeMessage(raw: string | string[] | undefined): string {
    const text = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

function statusOf(headers: http2.IncomingHttpHeaders): number | undefined {
    const raw = headers["grpc-status"];
    return raw === undefined ? undefined : Number(raw);
}

export class UnaryChannel {
    private readonly session: http2.ClientHttp2Session;
    private failure: Error | undefined;

    constructor(private readonly address: string) {
        this.session = http2.connect(`http://${address}`);
        // Without a listener an error would be thrown; calls in flight learn of it through their streams.
        this.session.on("error", (e) => {
            this.failure = e;
        });
        this.session.unref();
    }

    /** Sends `request` to `/<path>` and resolves with the answer's bytes, or rejects with a UnaryCallError. */
    call(path: string, request: Uint8Array, timeoutMs: number): Promise<Buffer> {
        return new Promise((resolve, reject) => {
            if (this.session.destroyed || this.session.closed) {
                reject(new UnaryCallError(Status.UNAVAILABLE, this.failure?.message ?? `the connection to ${this.address} is closed`));
                return;
            }
            const stream = this.session.request({
                ":method": "POST",
                ":path": path,
                "content-type": "application/grpc",
                te: "trailers",
                "grpc-timeout": `${Math.max(1, Math.ceil(timeoutMs))}m`,
            });
            const chunks: Buffer[] = [];
            let status: number | undefined;
            let details = "";
            let settled = false;
            const settle = (f: () => void) => {
                if (!settled) {
                    settled = true;
                    clearTimeout(timer);
                    f();
                }
            };
            const timer = setTimeout(() => {
                settle(() => reject(new UnaryCallError(Status.DEADLINE_EXCEEDED, `no answer within ${timeoutMs} ms`)));
                stream.close(http2.constants.NGHTTP2_CANCEL);
            }, timeoutMs);
            const noteStatus = (headers: http2.IncomingHttpHeaders) => {
                const s = statusOf(headers);
                if (s !== undefined) {
                    status = s;
                    details = decodeMessage(headers["grpc-message"]);
                }
            };
            stream.on("response", (headers) => {
                const http = Number(headers[":status"]);
                if (http !== 200) {
                    settle(() => reject(new UnaryCallError(Status.UNKNOWN, `HTTP status ${http} from ${this.address}`)));
                }
                noteStatus(headers);
            });
            stream.on("trailers", noteStatus);
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("error", (e) => settle(() => reject(new UnaryCallError(Status.UNAVAILABLE, e.message))));
            stream.on("close", () =>
                settle(() => {
                    if (status === undefined) {
                        reject(new UnaryCallError(Status.UNAVAILABLE, this.failure?.message ?? `the stream closed without a gRPC status (code ${stream.rstCode})`));
                    } else if (status !== Status.OK) {
                        reject(new UnaryCallError(status, details));
                    } else {
                        const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
                        if (body.length < FRAME_HEADER || body[0] !== 0 || body.readUInt32BE(1) !== body.length - FRAME_HEADER) {
                            reject(new UnaryCallError(Status.INTERNAL, "the answer is not one uncompressed gRPC message"));
                        } else {
                            resolve(body.subarray(FRAME_HEADER));
                        }
                    }
                }),
            );
            stream.end(frame(request));
        });
    }

    close(): void {
        this.session.close();
    }
}
