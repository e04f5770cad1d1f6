import { describe, expect, it } from 'vitest';
import { API, WEB } from '../src/deploy-contract.js';
import { checkDockerfile, dockerfileStages } from '../src/dockerfile-check.js';
import { readText } from '../src/repo-files.js';

const api = () => readText('api/Dockerfile');
const web = () => readText('web/Dockerfile');
const apiExpectations = { port: API.port, healthPath: API.healthPath, command: API.command };
const webExpectations = { port: WEB.port, healthPath: WEB.healthPath };

describe('api/Dockerfile', () => {
  it('when parsed, then it is multi-stage, non-root, checks /healthz on the API port and runs node dist/main.js', () => {
    expect(checkDockerfile(api(), 'api/Dockerfile', apiExpectations)).toEqual([]);
    expect(dockerfileStages(api()).map((s) => s.name)).toEqual(['deps', 'build', 'prod-deps', 'replay', 'runtime']);
  });

  it('when the runtime starts with npm start as root, then the check reports both', () => {
    const broken = api()
      .replace('USER node\nEXPOSE', 'EXPOSE')
      .replace('CMD ["node", "dist/main.js"]', 'CMD ["npm", "start"]');

    expect(checkDockerfile(broken, 'api/Dockerfile', apiExpectations)).toEqual([
      'api/Dockerfile: uses npm start; run node directly so signals reach it',
      'api/Dockerfile: the runtime stage runs as root (no USER)',
      'api/Dockerfile: CMD ["npm", "start"], expected exec form ["node","dist/main.js"]',
    ]);
  });

  it('when a COPY names a missing path or an unknown stage, then the check reports it', () => {
    const broken = api()
      .replace('COPY api/cql api/cql', 'COPY api/schema api/cql')
      .replace('--from=build /src/web/dist', '--from=builder /src/web/dist');

    expect(checkDockerfile(broken, 'api/Dockerfile', apiExpectations)).toEqual([
      'api/Dockerfile: COPY api/schema: no such path in the build context',
      'api/Dockerfile: COPY --from=builder names no stage',
    ]);
  });
});

describe('web/Dockerfile and its nginx configuration', () => {
  it('when parsed, then it is multi-stage, non-root and checks /healthz on the web port', () => {
    expect(checkDockerfile(web(), 'web/Dockerfile', webExpectations)).toEqual([]);
  });

  it('when the exposed port drifts from the contract, then the check reports it', () => {
    const broken = web().replace('EXPOSE 8080', 'EXPOSE 80');

    expect(checkDockerfile(broken, 'web/Dockerfile', webExpectations)).toEqual([
      'web/Dockerfile: EXPOSE 80, expected 8080',
    ]);
  });

  it('when nginx is configured, then it listens on the web port, answers the health path itself and proxies the API', () => {
    const conf = readText('web/nginx.conf.template');

    expect(conf).toContain(`listen ${WEB.port};`);
    expect(conf).toMatch(new RegExp(`location = ${WEB.healthPath} \\{[^}]*return 200 '\\{"status":"ok"\\}';`));
    expect(conf).toContain(`proxy_pass \${${WEB.upstreamVariable}}${API.readyPath};`);
    expect(conf).toMatch(/location \/api\/ \{\s*proxy_pass \$\{API_UPSTREAM\};/);
    expect(web()).toContain(`ENV ${WEB.upstreamVariable}=http://api:${API.port}`);
  });
});
