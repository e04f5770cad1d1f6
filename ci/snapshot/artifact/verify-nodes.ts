import { cutWindowOf } from './node-record.js';
import type { Manifest } from './manifest.js';

const NODE_FOLDER = /^sstables\/node(\d+)\//;

/**
 * What verify checks of a physical artifact's per-node records: nodes numbered 1..N with their files only under their
 * own folders, distinct host ids of the source ring, no token owned twice, each cut's call before its answer, the cut
 * window and takenAt derived from them, per-node row counts that add up. Artifacts without records pass unchanged.
 */
export function nodeRecordProblems(manifest: Manifest): string[] {
  const { nodes } = manifest;
  if (!nodes) return [];
  const problems: string[] = [];
  nodes.forEach((node, position) => {
    if (node.index !== position + 1)
      problems.push(
        `nodes: node ${node.index} is listed in place ${position + 1}; nodes must be numbered 1..N in order`,
      );
    if (!manifest.source.hostIds.includes(node.hostId))
      problems.push(`nodes: node ${node.index}'s host id ${node.hostId} is not one of the source ring's`);
    if (Date.parse(node.cut.returnedAt) < Date.parse(node.cut.issuedAt))
      problems.push(`nodes: node ${node.index}'s snapshot answered before it was called`);
  });
  const hostIds = nodes.map((node) => node.hostId);
  const twice = hostIds.find((id, at) => hostIds.indexOf(id) !== at);
  if (twice) problems.push(`nodes: host id ${twice} is listed twice`);
  const tokens = nodes.flatMap((node) => node.tokens);
  const tokenTwice = tokens.find((token, at) => tokens.indexOf(token) !== at);
  if (tokenTwice) problems.push(`nodes: token ${tokenTwice} is owned by two nodes`);

  for (const file of manifest.files) {
    const folder = NODE_FOLDER.exec(file.path)?.[1];
    if (folder !== undefined && !nodes.some((node) => node.index === Number(folder)))
      problems.push(`file ${file.path} is under node${folder}, which the manifest's nodes do not list`);
  }
  const window = cutWindowOf(nodes);
  if (JSON.stringify(manifest.cut) !== JSON.stringify(window))
    problems.push(
      `cut: ${JSON.stringify(manifest.cut)} does not follow from the nodes' cuts (${JSON.stringify(window)})`,
    );
  if (manifest.takenAt !== window.earliest)
    problems.push(`takenAt ${manifest.takenAt} is not the earliest node's cut ${window.earliest}`);
  for (const table of manifest.tables) {
    const { byNode, count } = table.rows;
    if (!byNode || byNode.length !== nodes.length)
      problems.push(`table ${table.name}: rows.byNode must list one count per node (${nodes.length})`);
    else if (byNode.reduce((sum, n) => sum + n, 0) !== count)
      problems.push(`table ${table.name}: rows.byNode adds up to ${byNode.reduce((s, n) => s + n, 0)}, not ${count}`);
  }
  return problems;
}
