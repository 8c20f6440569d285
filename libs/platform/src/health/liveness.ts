/**
 * What keeps a process alive in name only: a part that stopped for good (a Kafka consumer that
 * crashed without restarting) while the HTTP server still answers. Such parts register a probe;
 * /health/live fails while any probe reports a failure, so the orchestrator restarts the pod.
 * Process-wide on purpose: consumers are created outside Nest's container (Nest's Kafka transport,
 * the batch consumers), and a process has one liveness.
 */
export type LivenessProbe = () => string | undefined;

const probes = new Map<string, LivenessProbe>();

export function registerLivenessProbe(name: string, probe: LivenessProbe): void {
  probes.set(name, probe);
}

export function unregisterLivenessProbe(name: string): void {
  probes.delete(name);
}

/** The failures of the registered parts, by name; empty when the process is alive. */
export function livenessFailures(): Record<string, string> {
  const failures: Record<string, string> = {};
  for (const [name, probe] of probes) {
    const failure = probe();
    if (failure !== undefined) failures[name] = failure;
  }
  return failures;
}
