import { z } from 'zod';

/**
 * One source node of a physical snapshot: who it is in the ring and when its snapshot was taken. The cut of a cluster
 * is not one instant: each node flushes and links its own files when its call arrives (docs/snapshots.md, Cluster
 * snapshots).
 */
export const nodeRecord = z.object({
  /** N of sstables/node<N>/, where this node's files are. */
  index: z.number().int().positive(),
  hostId: z.string(),
  /** The node's address in the ring (`host:storage port`). */
  address: z.string(),
  /** How the take reached it over CQL. */
  contactPoint: z.string(),
  tokens: z.array(z.string()).min(1),
  cut: z.object({
    /** When the snapshot call (flush, then hard links) was sent: every write this node acknowledged before is in. */
    issuedAt: z.iso.datetime(),
    /** When its answer came back: nothing this node received after is in. */
    returnedAt: z.iso.datetime(),
  }),
});

/** From the first node's call to the last node's answer: writes in between may or may not be in the snapshot. */
export const cutWindow = z.object({
  /** The earliest node's issuedAt: every write acknowledged before it is in the snapshot. */
  earliest: z.iso.datetime(),
  /** The latest node's returnedAt: nothing sent after it is. */
  latest: z.iso.datetime(),
  skewMs: z.number().int().nonnegative(),
});

export type NodeRecord = z.infer<typeof nodeRecord>;
export type CutWindow = z.infer<typeof cutWindow>;

export function cutWindowOf(nodes: NodeRecord[]): CutWindow {
  const issued = nodes.map((node) => Date.parse(node.cut.issuedAt));
  const returned = nodes.map((node) => Date.parse(node.cut.returnedAt));
  const earliest = Math.min(...issued);
  const latest = Math.max(...returned);
  return {
    earliest: new Date(earliest).toISOString(),
    latest: new Date(latest).toISOString(),
    skewMs: latest - earliest,
  };
}
