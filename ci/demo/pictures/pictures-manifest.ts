import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The checked-in record of each generated picture: its own hash and the hashes of the files that made it. */
export const MANIFEST = 'docs/images/pictures.json';
export const REGENERATE = 'npm run docs:pictures';

export interface PictureRecord {
  /** Path from the repository root. */
  picture: string;
  sha256: string;
  /** Scripts (and the data they drew from) that produced it, path → sha256 at the time. */
  madeBy: Record<string, string>;
}

export interface PicturesManifest {
  regenerate: string;
  pictures: PictureRecord[];
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Records each picture with the current hashes of its sources; `sources` are paths from `root`. */
export function writeManifest(root: string, pictures: Array<{ picture: string; sources: string[] }>): void {
  const manifest: PicturesManifest = {
    regenerate: REGENERATE,
    pictures: pictures.map(({ picture, sources }) => ({
      picture,
      sha256: sha256(join(root, picture)),
      madeBy: Object.fromEntries([...sources].sort().map((source) => [source, sha256(join(root, source))])),
    })),
  };
  writeFileSync(join(root, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Why the pictures are not current, one sentence each; empty when every picture matches what made it. */
export function stalePictures(root: string): string[] {
  const file = join(root, MANIFEST);
  if (!existsSync(file)) return [`${MANIFEST} is missing: run \`${REGENERATE}\`.`];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as PicturesManifest;
  const problems: string[] = [];
  for (const { picture, sha256: recorded, madeBy } of manifest.pictures) {
    const path = join(root, picture);
    if (!existsSync(path)) problems.push(`${picture} is missing: run \`${REGENERATE}\`.`);
    else if (sha256(path) !== recorded)
      problems.push(`${picture} is not the picture ${MANIFEST} records: run \`${REGENERATE}\`.`);
    for (const [source, hash] of Object.entries(madeBy)) {
      const sourcePath = join(root, source);
      if (!existsSync(sourcePath))
        problems.push(`${picture} was made by ${source}, which is gone: run \`${REGENERATE}\`.`);
      else if (sha256(sourcePath) !== hash)
        problems.push(`${picture} was made by an older ${source}: run \`${REGENERATE}\`.`);
    }
  }
  return problems;
}
