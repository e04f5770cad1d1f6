import { join, resolve } from 'node:path';

/** The checkout this toolkit runs from: the demo, the replay and the tests start from it. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const CI_DIR = join(REPO_ROOT, 'ci');
export const WEB_DIR = join(REPO_ROOT, 'web');
export const WEB_DIST_DIR = join(WEB_DIR, 'dist');
/** Where reports go (JUnit XML, Playwright output); CI collects it as an artifact. */
export const TEST_RESULTS_DIR = join(CI_DIR, 'test-results');
export const REGRESSION_PATCH = join(CI_DIR, 'regressions', '001-author-initials-utf16.patch');
