import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Service } from 'kubernetes-models/v1';

/**
 * The deployment descriptions are checked with the real tools, offline: Debian's docker-compose
 * parses the compose file (no engine needed) and kubectl renders the kustomize base, whose every
 * object is validated against the Kubernetes schemas.
 */
const root = path.resolve(__dirname, '../..');
const SERVICES = ['reports', 'indicators', 'notifications', 'exports'];
// The services and the web page.
const APPS = [...SERVICES, 'dashboard'];

describe('docker-compose.yml', () => {
  const config = parse(execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: root, encoding: 'utf8' })) as {
    services: Record<string, { image?: string; build?: { dockerfile?: string; args?: Record<string, string> }; healthcheck?: unknown; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string> }>;
  };

  it('runs Kafka, a MongoDB replica set, Redis, the four services and the dashboard, each with a health check', () => {
    expect(Object.keys(config.services).sort()).toEqual([...APPS, 'kafka', 'mongodb', 'redis'].sort());
    for (const [name, service] of Object.entries(config.services)) expect({ name, healthcheck: Boolean(service.healthcheck) }).toEqual({ name, healthcheck: true });
    expect(config.services['kafka']!.image).toMatch(/^apache\/kafka:3\.9/);
    expect(config.services['mongodb']!.image).toBe('mongo:7');
  });

  it('builds each service’s own image from the one multi-stage Dockerfile and starts it after its dependencies are healthy', () => {
    for (const app of APPS) {
      const service = config.services[app]!;
      expect(service.build?.args).toEqual({ APP: app });
      expect(service.image).toBe(`dtp/${app}:0.1.0`);
    }
    for (const app of SERVICES) {
      expect(config.services[app]!.depends_on?.['kafka']?.condition).toBe('service_healthy');
      expect(config.services[app]!.depends_on?.['mongodb']?.condition).toBe('service_healthy');
    }
    // The dashboard forwards the page's calls by service name, after the services it needs first.
    expect(config.services['dashboard']!.depends_on?.['indicators']?.condition).toBe('service_healthy');
    expect(config.services['dashboard']!.environment?.['INDICATORS_URL']).toBe('http://indicators:3102');
    expect(config.services['notifications']!.depends_on?.['redis']?.condition).toBe('service_healthy');
  });

  it('builds from a multi-stage Dockerfile whose runtime stage runs as a non-root user', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runtime = stages[stages.length - 1]!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).not.toMatch(/^COPY (?!--from)/m);
  });

  it('holds no secret: secrets pass through from the shell or .env, by name only', () => {
    const text = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: root, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(text).not.toMatch(/(PASSWORD|SECRET|TOKEN|API_KEY)\s*[:=][ \t]*(?!null$)\S/im);
    for (const app of SERVICES) expect(Object.keys(config.services[app]!.environment ?? {})).toContain('JWT_SECRET');
  });
});

describe('k8s/ kustomize base', () => {
  const rendered = execFileSync('kubectl', ['kustomize', 'k8s/base'], { cwd: root, encoding: 'utf8' });
  const objects = parseAllDocuments(rendered).map((d) => d.toJS() as { apiVersion: string; kind: string; metadata: { name: string } });
  const models: Record<string, new (data: never) => { validate(): void }> = {
    'v1/Namespace': Namespace,
    'v1/ConfigMap': ConfigMap,
    'v1/Service': Service,
    'v1/PersistentVolumeClaim': PersistentVolumeClaim,
    'apps/v1/Deployment': Deployment,
    'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
    'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  };

  it('renders only kinds it knows, each valid against the Kubernetes schema', () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const Model = models[`${object.apiVersion}/${object.kind}`];
      expect({ object: `${object.apiVersion}/${object.kind}`, known: Boolean(Model) }).toEqual({ object: `${object.apiVersion}/${object.kind}`, known: true });
      expect(() => new Model!(object as never).validate()).not.toThrow();
    }
  });

  it('gives every service a Deployment with probes, limits and a non-root user, a Service, a PDB and an HPA', () => {
    for (const app of APPS) {
      const named = objects.filter((o) => o.metadata.name === app && o.kind !== 'PersistentVolumeClaim').map((o) => o.kind).sort();
      expect(named).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === app) as unknown as Deployment;
      const pod = deployment.spec!.template.spec!;
      const container = pod.containers[0]!;
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.resources?.limits).toHaveProperty('memory');
      expect(container.resources?.requests).toHaveProperty('cpu');
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(container.envFrom?.[0]?.configMapRef?.name).toBe('dtp-platform-config');
      if (!SERVICES.includes(app)) continue;
      expect(container.env?.find((e) => e.name === 'MONGO_URL')?.valueFrom?.secretKeyRef?.name).toBe('dtp-platform-secrets');
      expect(container.env?.find((e) => e.name === 'JWT_SECRET')?.valueFrom?.secretKeyRef?.name).toBe('dtp-platform-secrets');
    }
  });

  it('keeps exported files on a claim every exports replica can mount, where the service writes them', () => {
    const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === 'exports-files') as unknown as PersistentVolumeClaim;
    expect(claim.spec?.accessModes).toEqual(['ReadWriteMany']);
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'exports') as unknown as Deployment;
    const pod = deployment.spec!.template.spec!;
    const container = pod.containers[0]!;
    const volume = pod.volumes?.find((v) => v.persistentVolumeClaim?.claimName === 'exports-files');
    const mount = container.volumeMounts?.find((m) => m.name === volume?.name);
    expect(mount?.mountPath).toBe(container.env?.find((e) => e.name === 'EXPORTS_DIR')?.value);
    expect(container.env?.find((e) => e.name === 'INDICATORS_URL')?.value).toBe('http://indicators');
  });

  it('closes every service’s /metrics behind METRICS_TOKEN from the Secret, and scrapes the pods it annotates with that token', () => {
    const scrape = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'dtp-prometheus-scrape') as unknown as ConfigMap;
    const job = (parse(scrape.data!['dtp-reporting.yaml']!) as Array<{ authorization: { type: string; credentials_file: string }; relabel_configs: Array<{ source_labels: string[]; regex: string }> }>)[0]!;
    expect(job.authorization).toMatchObject({ type: 'Bearer', credentials_file: expect.stringMatching(/METRICS_TOKEN$/) });
    const annotation = job.relabel_configs.find((r) => r.source_labels[0]!.startsWith('__meta_kubernetes_pod_annotation_'))!;
    for (const app of SERVICES) {
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === app) as unknown as Deployment;
      const container = deployment.spec!.template.spec!.containers[0]!;
      expect(container.env?.find((e) => e.name === 'METRICS_TOKEN')?.valueFrom?.secretKeyRef).toEqual({ name: 'dtp-platform-secrets', key: 'METRICS_TOKEN' });
      expect(deployment.spec!.template.metadata!.annotations?.['dtp.gov.vn/metrics']).toBe(annotation.regex);
      expect(container.ports?.map((p) => p.name)).toContain('http');
    }
  });

  it('keeps credentials out of the repository: no Secret object is rendered', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });
});
