import { apiRules, cassandraRules, disruptionRules, secretRules, serviceRules, webRules } from './k8s-app-rules.js';
import { ciRingRules, ciTemplateRules, renderTemplate, TEMPLATES } from './k8s-ci-rules.js';
import type { KubernetesDescriptors } from './k8s-manifests.js';
import { podRules } from './k8s-pod-rules.js';
import { rbacRules } from './k8s-rbac.js';
import { kustomizeBuild, validateKubernetesObjects, type Manifest } from './k8s-tools.js';
import { readJson } from './repo-files.js';

export type { KubernetesDescriptors } from './k8s-manifests.js';

/** The overlays rendered by kustomize, the access kustomization, and the replay script's templates as parsed JSON. */
export function loadKubernetes(): KubernetesDescriptors {
  return {
    production: kustomizeBuild('k8s/overlays/production'),
    ci: kustomizeBuild('k8s/overlays/ci'),
    access: kustomizeBuild('k8s/ci-access'),
    templates: Object.fromEntries(
      TEMPLATES.map((name) => [name, readJson(`k8s/ci/templates/${name}.json`) as Manifest]),
    ),
  };
}

/** Every rendered object against the Kubernetes schemas (one kubernetes-validate run), then the named rules. */
export function checkKubernetes(descriptors: KubernetesDescriptors): string[] {
  const { production, ci, access, templates } = descriptors;
  // The restored claim is a core object: validated as the script renders it.
  const claim = renderTemplate(templates['restored-claim'] ?? {}, { run: 'ci-1', index: 0, driver: '', handle: '' });
  return [
    ...validateKubernetesObjects([...production, ...ci, ...access, claim], 'k8s (kustomize build)'),
    ...cassandraRules(production),
    ...disruptionRules(production),
    ...apiRules(production),
    ...webRules(production),
    ...serviceRules(production),
    ...secretRules(production),
    ...podRules(production, 'k8s/overlays/production'),
    ...ciRingRules(ci, production),
    ...serviceRules(ci, 'k8s/overlays/ci'),
    ...podRules(ci, 'k8s/overlays/ci'),
    ...ciTemplateRules(templates, production),
    ...rbacRules(access),
  ];
}
