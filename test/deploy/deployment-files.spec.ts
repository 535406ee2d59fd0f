import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { Namespace, ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';

/**
 * The deployment files cannot be applied here (no Docker engine, no cluster), so they are
 * checked offline: every Kubernetes manifest against the API's schemas, and the properties that
 * several instances rely on in both set-ups.
 */
const ROOT = join(__dirname, '..', '..');
const KUBERNETES_DIR = join(ROOT, 'deploy', 'kubernetes');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [field: string]: unknown;
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'), { merge: true });
}

function manifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(KUBERNETES_DIR, file), 'utf8')).map(
    (document) => document.toJS() as Manifest,
  );
}

const kustomization = readYaml(join(KUBERNETES_DIR, 'kustomization.yaml')) as {
  resources: string[];
};
const applied = kustomization.resources.flatMap(manifests);
const byKind = (kind: string) => applied.filter((manifest) => manifest.kind === kind);

describe('Kubernetes manifests', () => {
  it.each([...kustomization.resources, 'secret.example.yaml'])(
    '%s is valid against the Kubernetes schemas',
    (file) => {
      for (const manifest of manifests(file)) {
        const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
        expect(Model).toBeDefined();
        expect(() => new Model(manifest as never).validate()).not.toThrow();
      }
    },
  );

  it('schema validation catches a malformed manifest', () => {
    const [deployment] = byKind('Deployment');
    const broken = JSON.parse(JSON.stringify(deployment)) as { spec: { replicas: unknown } };
    broken.spec.replicas = 'three';
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas/);
  });

  it('runs three non-root replicas on a read-only root with probes and resources', () => {
    const [deployment] = byKind('Deployment') as unknown as Deployment[];
    const spec = deployment.spec!;
    expect(spec.replicas).toBe(3);
    const pod = spec.template.spec!;
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    const [container] = pod.containers;
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(container.readinessProbe?.httpGet?.path).toBe('/health');
    expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(container.resources?.requests).toBeDefined();
    expect(container.resources?.limits).toBeDefined();
    const writable = container.volumeMounts?.map((mount) => mount.name) ?? [];
    const emptyDirs = pod.volumes?.filter((volume) => volume.emptyDir).map((v) => v.name);
    expect(writable).toEqual(emptyDirs);
  });

  it('migrates in a Job while the replicas wait; the disruption budget and Service select them', () => {
    const [config] = byKind('ConfigMap') as unknown as ConfigMap[];
    expect(config.data?.MIGRATIONS_RUN).toBe('false');
    const [job] = byKind('Job') as unknown as Job[];
    expect(job.spec!.template.spec!.containers[0].command).toEqual([
      'node',
      'dist/src/database/migrate-main.js',
    ]);
    const [deployment] = byKind('Deployment') as unknown as Deployment[];
    const labels = deployment.spec!.template.metadata!.labels!;
    const [budget] = byKind('PodDisruptionBudget') as unknown as PodDisruptionBudget[];
    const [service] = byKind('Service') as unknown as Service[];
    for (const selector of [budget.spec!.selector!.matchLabels!, service.spec!.selector!]) {
      for (const [key, value] of Object.entries(selector)) expect(labels[key]).toBe(value);
    }
  });

  it('keeps secrets out of the applied manifests', () => {
    expect(byKind('Secret')).toEqual([]);
    const [config] = byKind('ConfigMap') as unknown as ConfigMap[];
    for (const name of ['DATABASE_URL', 'SMTP_URL', 'JWT_SECRET', 'SESSION_SECRET']) {
      expect(config.data?.[name]).toBeUndefined();
    }
  });
});

describe('docker-compose.yml', () => {
  interface ComposeService {
    command?: string[];
    deploy?: { replicas?: number };
    environment?: Record<string, string>;
    depends_on?: Record<string, { condition: string }>;
    healthcheck?: unknown;
  }
  const compose = readYaml(join(ROOT, 'docker-compose.yml')) as {
    services: Record<string, ComposeService>;
  };
  const { app, migrate, proxy } = compose.services;

  it('runs three instances that wait for a one-off migration step', () => {
    expect(app.deploy?.replicas).toBe(3);
    expect(app.environment?.MIGRATIONS_RUN).toBe('false');
    expect(app.depends_on?.migrate.condition).toBe('service_completed_successfully');
    expect(migrate.command).toEqual(['node', 'dist/src/database/migrate-main.js']);
    expect(app.healthcheck).toBeDefined();
  });

  it('puts a health-checked reverse proxy in front, configured for every replica', () => {
    expect(proxy.depends_on?.app.condition).toBe('service_healthy');
    expect(proxy.healthcheck).toBeDefined();
    const nginx = readFileSync(join(ROOT, 'deploy', 'nginx', 'default.conf'), 'utf8');
    expect(nginx).toMatch(/server app:3000 resolve;/);
  });

  it('takes every secret from .env rather than from the file', () => {
    for (const name of [
      'JWT_SECRET',
      'SESSION_SECRET',
      'PAYMENT_WEBHOOK_SECRET',
      'STAFF_TOTP_KEY',
    ]) {
      expect(app.environment?.[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
  });
});

describe('Dockerfile', () => {
  it('builds and runs on the Node.js major that package.json names as current', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((match) => match[1]);
    const engines = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;
    expect(bases.length).toBeGreaterThan(0);
    for (const major of bases) expect(engines).toContain(`${major}.`);
  });
});
