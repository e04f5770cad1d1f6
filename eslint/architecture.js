// The direction of dependencies, as lint rules: a layer may import the ones below it, never the ones above, and
// library code never imports tests. Each zone names the folder it guards and the folders it must not reach.
// eslint/architecture.test.ts proves every zone fires on a deliberate violation.

const CI_PARTS = [
  'snapshot',
  'entries',
  'suites',
  'replay',
  'shrink',
  'data-check',
  'demo',
  'seed',
  'repo',
  'pipeline',
  'e2e',
  'test',
  'bench',
];
const ciExcept = (...allowed) => CI_PARTS.filter((part) => !allowed.includes(part)).map((part) => `./ci/${part}`);

/** `import-x/no-restricted-paths` zones: files in `target` may not import from `from`. */
export const zones = [
  // api: routes → services → repositories; a repository holds CQL and knows nothing of HTTP.
  {
    target: './api/src/**/*.repository.ts',
    from: ['./api/src/http/**', './api/src/**/*.routes.ts', './api/src/**/*.service.ts'],
    message: 'A repository holds CQL only: it must not depend on HTTP, routes or services.',
  },
  {
    target: './api/src/**/*.service.ts',
    from: ['./api/src/http/**', './api/src/**/*.routes.ts'],
    message: 'A service takes and returns plain objects: it must not depend on HTTP or routes.',
  },
  {
    // Unit tests sit beside the code and may use the test support; the code itself may not.
    target: './api/src/**/!(*.test).ts',
    from: ['./api/test', './api/bench'],
    message: 'Library code must not import tests or benchmarks.',
  },
  {
    target: './api/src/contract.ts',
    from: './api/src',
    except: ['./contract.ts'],
    message: 'The contract stands alone.',
  },

  // web: shared (lib, config, components) → features → app.
  {
    target: ['./web/src/lib', './web/src/config', './web/src/components'],
    from: ['./web/src/features', './web/src/app'],
    message: 'Shared code must not import features or the app: imports flow shared → features → app.',
  },
  { target: './web/src/features', from: './web/src/app', message: 'A feature must not import the app.' },

  // ci: snapshot (library) ← entries ← suites ← replay ← demo; seed, repo and pipeline beside them.
  {
    target: './ci/snapshot',
    from: ciExcept('snapshot'),
    message: 'ci/snapshot is a library: it must not import suites, replay, demo, seed, e2e, tests or benchmarks.',
  },
  { target: './ci/repo', from: ciExcept('repo'), message: 'ci/repo knows where the checkout is, nothing else.' },
  { target: './ci/entries', from: ciExcept('entries', 'snapshot'), message: 'ci/entries reads the keyspace only.' },
  {
    target: './ci/seed',
    from: ciExcept('seed', 'snapshot', 'entries'),
    message: 'ci/seed writes data: it must not import suites, replay, demo or tests.',
  },
  {
    target: './ci/suites',
    from: ciExcept('suites', 'snapshot', 'entries', 'e2e'),
    message: 'A suite knows a base URL and a keyspace: it must not import replay, demo, seed or tests.',
  },
  {
    target: './ci/replay',
    from: ciExcept('replay', 'snapshot', 'entries', 'suites', 'seed', 'repo'),
    message: 'ci/replay orchestrates the suites: it must not import the demo, e2e, tests or benchmarks.',
  },
  {
    target: './ci/shrink',
    from: ciExcept('shrink', 'replay', 'snapshot', 'entries', 'suites', 'seed', 'repo'),
    message: 'ci/shrink re-runs the replay on fewer entries: it must not import the demo, e2e, tests or benchmarks.',
  },
  {
    target: './ci/data-check',
    from: ciExcept('data-check', 'shrink', 'replay', 'snapshot', 'entries', 'suites', 'seed', 'repo'),
    message: 'ci/data-check chains the take, the drift, the replay and the shrink: no demo, e2e, tests or benchmarks.',
  },
  {
    target: './ci/demo',
    from: ciExcept('demo', 'shrink', 'replay', 'snapshot', 'entries', 'suites', 'seed', 'repo'),
    message: 'ci/demo must not import e2e, tests or benchmarks.',
  },
  {
    target: './ci/pipeline',
    from: ciExcept('pipeline', 'snapshot'),
    message: 'ci/pipeline tools use the library only.',
  },
  { target: './deploy-checks/src', from: './deploy-checks/test', message: 'Library code must not import tests.' },
];
