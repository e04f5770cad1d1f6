// The drift profile's thread starts here: its code is TypeScript, which a worker thread can only load once tsx's
// loader is registered in it (a worker does not inherit the loader its parent was started with).
import { tsImport } from 'tsx/esm/api';

await tsImport('./profile-worker.ts', import.meta.url);
