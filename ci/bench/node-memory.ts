import pidusage from 'pidusage';

/** A Cassandra JVM to watch, named as the report names it ("production 2", "ci"). */
export interface WatchedNode {
  label: string;
  pid: number;
}

/**
 * Samples the resident memory of each Cassandra JVM until stopped. The heap is fixed at start, but off-heap buffers,
 * memory-mapped SSTables and thread stacks are not: the RSS is what a node really costs its host during a step.
 */
export function watchNodeMemory(nodes: WatchedNode[], sampleMs = 250) {
  const peaks = new Map<string, number>(nodes.map((node) => [node.label, 0]));
  let sampling = false;
  const sample = async () => {
    if (sampling) return;
    sampling = true;
    try {
      const usage = await pidusage(nodes.map((node) => node.pid));
      for (const node of nodes) {
        const rss = usage[node.pid]?.memory ?? 0;
        peaks.set(node.label, Math.max(peaks.get(node.label) ?? 0, rss));
      }
    } catch {
      // A node that stopped mid-sample: the samples before it stand.
    } finally {
      sampling = false;
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), sampleMs);
  return {
    /** Peak RSS in bytes per label. */
    stop(): Record<string, number> {
      clearInterval(timer);
      pidusage.clear();
      return Object.fromEntries(peaks);
    },
  };
}
