/** The parts of a V8 .cpuprofile (what `node --cpu-prof` writes) that a summary needs. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  name: string;
  /** Share of the busy (non-idle) samples. */
  share: number;
}

export interface ProfileSummary {
  /**
   * Time sampled outside idle. V8 samples on a clock, so time the process waited for a CPU taken by another counts
   * too: shares are shares of wall time while busy, not of CPU time.
   */
  busyMs: number;
  /** Where the samples were taken: the function on top of the stack. */
  selfByFunction: Frame[];
  /**
   * Self time per package, with time in Node's own code and native code charged to the nearest package that called it
   * (a zlib or socket write is its caller's cost). Middleware call the rest of the chain, so time "anywhere on the
   * stack" would charge each middleware with everything after it.
   */
  selfByPackage: Frame[];
  /** Samples with a function of the API's own code anywhere on the stack. */
  inclusiveOwnCode: Frame[];
}

const SPECIAL = new Set(['(garbage collector)', '(program)', '(root)', '(idle)']);

/** Which package a frame belongs to: an npm package, Node's own code, the API's code, or V8's bookkeeping. */
export function packageOf(frame: { functionName: string; url: string }): string {
  if (SPECIAL.has(frame.functionName) && !frame.url) return frame.functionName;
  if (frame.url.startsWith('node:')) return 'node core';
  const inModules = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  if (inModules) return inModules[1]!;
  if (/\/api\/(dist|src)\//.test(frame.url)) return 'api (own code)';
  return frame.url ? 'other' : '(native)';
}

const shortUrl = (url: string) =>
  url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/api\/(dist|src)\//, 'api/')
    .replace(/^file:\/\//, '');
const frameName = (f: { functionName: string; url: string; lineNumber: number }) =>
  f.url ? `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}` : f.functionName;

/** Self time per function and per package, and time spent inside each function of the API's own code. */
export function summarise(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const hits = new Map<number, number>();
  profile.samples.forEach((id, i) => hits.set(id, (hits.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  const chargedTo = (id: number): string => {
    let at: number | undefined = id;
    for (; at !== undefined; at = parentOf.get(at)) {
      const pkg = packageOf(byId.get(at)!.callFrame);
      if (pkg !== 'node core' && pkg !== '(native)') return pkg === '(root)' ? 'node core' : pkg;
    }
    return 'node core';
  };
  const own = new Map<string, number>();
  let busy = 0;

  for (const [id, micros] of hits) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += micros;
    add(self, frameName(node.callFrame), micros);
    add(packages, chargedTo(id), micros);
    const seenOwn = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const pkg = packageOf(frame);
      if (pkg === 'api (own code)') seenOwn.add(frameName(frame));
    }
    for (const name of seenOwn) add(own, name, micros);
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, share: micros / busy }));
  return {
    busyMs: busy / 1000,
    selfByFunction: ranked(self),
    selfByPackage: ranked(packages),
    inclusiveOwnCode: ranked(own),
  };
}

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}
