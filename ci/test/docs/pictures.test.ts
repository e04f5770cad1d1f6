import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stalePictures, writeManifest } from '../../demo/pictures/pictures-manifest.js';
import { REPO_ROOT } from '../../repo/paths.js';

// Cheap on purpose (hashes only, no browser): regenerating is `npm run docs:pictures`, which starts everything.
describe('the pictures in README.md and docs/ (docs/images/pictures.json)', () => {
  it('when checked, then every picture exists, is the one recorded, and was made by the scripts as they are now', () => {
    expect(stalePictures(REPO_ROOT)).toEqual([]);
  });

  describe('the check itself, on a copy', () => {
    const root = mkdtempSync(join(tmpdir(), 'guestbook-pictures-'));
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function recorded(): void {
      mkdirSync(join(root, 'docs', 'images'), { recursive: true });
      writeFileSync(join(root, 'make-picture.ts'), 'draw();\n');
      writeFileSync(join(root, 'docs', 'images', 'page.png'), 'picture bytes');
      writeManifest(root, [{ picture: 'docs/images/page.png', sources: ['make-picture.ts'] }]);
    }

    it('when nothing changed, then it finds nothing', () => {
      recorded();
      expect(stalePictures(root)).toEqual([]);
    });

    it('when a picture is missing, then it says which and what to run', () => {
      recorded();
      rmSync(join(root, 'docs', 'images', 'page.png'));
      expect(stalePictures(root)).toEqual(['docs/images/page.png is missing: run `npm run docs:pictures`.']);
    });

    it('when a picture was changed by hand, then it says so', () => {
      recorded();
      appendFileSync(join(root, 'docs', 'images', 'page.png'), ' edited');
      expect(stalePictures(root)).toEqual([
        'docs/images/page.png is not the picture docs/images/pictures.json records: run `npm run docs:pictures`.',
      ]);
    });

    it('when the script that made it changed since, then it names the script', () => {
      recorded();
      appendFileSync(join(root, 'make-picture.ts'), 'drawBetter();\n');
      expect(stalePictures(root)).toEqual([
        'docs/images/page.png was made by an older make-picture.ts: run `npm run docs:pictures`.',
      ]);
    });

    it('when there is no manifest, then it says to run the command', () => {
      mkdirSync(root, { recursive: true });
      expect(stalePictures(root)).toEqual(['docs/images/pictures.json is missing: run `npm run docs:pictures`.']);
    });
  });
});
