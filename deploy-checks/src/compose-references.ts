import { existsSync } from 'node:fs';
import { COMPOSE } from './deploy-contract.js';
import { dependencies, list, networksOf, type Service } from './compose-service.js';
import { dockerfileStageNames } from './dockerfile-check.js';
import { isRecord, repoPath } from './repo-files.js';

type Services = Record<string, Service>;

/** Generic rules compose itself only enforces at `up` time: profiles, named volumes, dependencies, build files. */
export function checkProfilesAndReferences(doc: Record<string, unknown>, services: Services): string[] {
  return [
    ...Object.entries(services).flatMap(([name, service]) => [
      ...profileRules(name, service),
      ...referenceRules(doc, services, name, service),
      ...buildRules(name, service),
    ]),
    ...imageBuildRules(services),
    ...replayNetworkRules(doc),
  ];
}

/** The replay's services run only with the CI profile; production's never do. */
function profileRules(name: string, service: Service): string[] {
  const { cloneVolume, testCassandra, replay } = COMPOSE.services;
  const ciOnly = new Set<string>([cloneVolume, testCassandra, replay]);
  const inCi = list(service.profiles).includes(COMPOSE.ciProfile);
  if (inCi === ciOnly.has(name)) return [];
  return [`services.${name}: ${inCi ? 'must not be' : 'must be'} in the "${COMPOSE.ciProfile}" profile only`];
}

function referenceRules(doc: Record<string, unknown>, services: Services, name: string, service: Service): string[] {
  const declaredVolumes = isRecord(doc.volumes) ? Object.keys(doc.volumes) : [];
  const declaredNetworks = ['default', ...(isRecord(doc.networks) ? Object.keys(doc.networks) : [])];
  const sources = list(service.volumes).map((volume) => volume.split(':')[0] ?? '');
  return [
    ...sources
      .filter((source) => !/^[./~]/.test(source) && !declaredVolumes.includes(source))
      .map((source) => `services.${name}: volume ${source} is not declared`),
    ...networksOf(service)
      .filter((network) => !declaredNetworks.includes(network))
      .map((network) => `services.${name}: network ${network} is not declared`),
    ...dependencies(service)
      .filter((dep) => !services[dep])
      .map((dep) => `services.${name}: depends on unknown service ${dep}`),
  ];
}

function buildRules(name: string, service: Service): string[] {
  if (!isRecord(service.build)) return [];
  const dockerfile = String(service.build.dockerfile ?? 'Dockerfile');
  if (!existsSync(repoPath(dockerfile))) return [`services.${name}: build.dockerfile ${dockerfile} does not exist`];
  const target = service.build.target;
  if (target && !dockerfileStageNames(dockerfile).includes(String(target))) {
    return [`services.${name}: build.target ${String(target)} is not a stage of ${dockerfile}`];
  }
  return [];
}

/** Each local image is run by some service and built from its workspace's Dockerfile. */
function imageBuildRules(services: Services): string[] {
  const builders = [
    [COMPOSE.apiImage, 'api/Dockerfile'],
    [COMPOSE.webImage, 'web/Dockerfile'],
  ] as const;
  return builders.flatMap(([image, builder]) => {
    const users = Object.entries(services).filter(([, service]) => service.image === image);
    if (users.length === 0) return [`no service runs the image ${image}`];
    return users
      .filter(([, service]) => !isRecord(service.build) || service.build.dockerfile !== builder)
      .map(([name]) => `services.${name}: ${image} must be built from ${builder}`);
  });
}

function replayNetworkRules(doc: Record<string, unknown>): string[] {
  const replayNetwork = isRecord(doc.networks) ? doc.networks.replay : undefined;
  if (isRecord(replayNetwork) && replayNetwork.internal === true) return [];
  return ['networks.replay: must be internal (no route to production)'];
}
