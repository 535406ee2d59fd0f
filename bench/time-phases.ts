/**
 * Wraps methods of service instances to add up the time spent in them (a poor man's profile
 * of one job run); `stop()` restores them and gives the totals in ms (the rest is SQL in the job).
 */
export function timePhases(targets: [object, string, string][]): {
  stop(): Record<string, number>;
} {
  const totals: Record<string, number> = {};
  const restore: (() => void)[] = [];
  for (const [instance, method, label] of targets) {
    const target = instance as Record<string, (...args: unknown[]) => unknown>;
    const original = target[method];
    totals[label] = 0;
    target[method] = function (this: unknown, ...args: unknown[]) {
      const started = performance.now();
      const result = original.apply(this, args);
      const add = () => (totals[label] += performance.now() - started);
      if (result instanceof Promise) return result.finally(add);
      add();
      return result;
    };
    restore.push(() => (target[method] = original));
  }
  return {
    stop() {
      for (const undo of restore) undo();
      return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round(v)]));
    },
  };
}
