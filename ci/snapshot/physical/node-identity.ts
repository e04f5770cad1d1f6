import { SnapshotError } from '../artifact/manifest.js';

/** Who a node is in its ring: what a cluster artifact records per node, and what a same-token copy is built from. */
export interface NodeIdentity {
  hostId: string;
  /** The node's address in the ring (`host:storage port`), as gossip knows it. */
  address: string;
  tokens: string[];
}

/** The JMX client's answer to `identity`: host id, address, then every token. */
export function identityFromJmx(values: string[]): NodeIdentity {
  const [hostId, address, ...tokens] = values;
  if (!hostId || !address || !tokens.length)
    throw new SnapshotError(`The node's JMX did not say its host id, address and tokens (got ${values.join(' ')})`);
  return { hostId, address, tokens };
}

/**
 * The same from `nodetool info -T` (ID and Token lines) and `nodetool status` (the line holding that host id), for a node
 * reached without a JMX client; status shows the address without its storage port.
 */
export function identityFromNodetool(info: string, status: string): NodeIdentity {
  const hostId = /^ID\s*:\s*(\S+)/m.exec(info)?.[1];
  const tokens = [...info.matchAll(/^Token\s*:\s*(-?\d+)/gm)].map((match) => match[1]!);
  const address = hostId
    ? status
        .split('\n')
        .find((line) => line.includes(hostId))
        ?.split(/\s+/)[1]
    : undefined;
  if (!hostId || !address || !tokens.length)
    throw new SnapshotError("nodetool info -T and status did not say the node's host id, address and tokens");
  return { hostId, address, tokens };
}
