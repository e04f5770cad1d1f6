// The snapshot toolkit's programmatic surface: take and restore production snapshots, then replay the suites on them.
export * from './snapshot/index.js';
export { replay, type ReplayOptions, type ReplayRun } from './replay/replay.js';
