export { takeSnapshot, type TakeOptions } from './take.js';
export { restoreSnapshot, type RestoreOptions, type RestoreTarget, type RestoredCopy } from './restore.js';
export { verifySnapshot, type VerifiedArtifact } from './artifact/verify.js';
export { pruneSnapshots, parseDuration, type PruneOptions, type PruneResult } from './prune.js';
export { listArtifacts, type ArtifactListing, type TakenSnapshot } from './artifact/artifact-store.js';
export { SnapshotError, readManifest, type Manifest } from './artifact/manifest.js';
export { isMasked, type MaskingRecord } from './artifact/masking-record.js';
export type { CqlEndpoint, NodeAccess } from './cql-client.js';
export type { SnapshotKind } from './artifact/artifact-layout.js';
