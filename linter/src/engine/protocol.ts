/**
 * The engine's side of the Analyzer protocol. grpc-js and google-protobuf are loaded through
 * @pulumi/pulumi's own folder: the generated stubs check `instanceof` against *their* copies, so
 * classes from any other copy are rejected.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPbTypes from "google-protobuf/google/protobuf/empty_pb";

const pulumiPackageJson = require.resolve("@pulumi/pulumi/package.json");
const requireFromPulumi = createRequire(pulumiPackageJson);

export const grpc = requireFromPulumi("@grpc/grpc-js") as typeof grpcTypes;
export const analyzerPb = requireFromPulumi("./proto/analyzer_pb") as typeof analyzerPbTypes;
export const analyzerGrpc = requireFromPulumi("./proto/analyzer_grpc_pb") as typeof analyzerGrpcTypes;
export const structPb = requireFromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof structPbTypes;
export const emptyPb = requireFromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof emptyPbTypes;

export type AnalyzerClient = analyzerGrpcTypes.AnalyzerClient;
export type { analyzerPbTypes };
