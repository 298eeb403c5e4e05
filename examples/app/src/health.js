/** The body of GET /api/health: the app and each service it depends on. */
export function health(services) {
  const entries = Object.entries(services);
  const healthy = entries.every(([, ok]) => ok);
  return {
    status: healthy ? 'healthy' : 'degraded',
    services: Object.fromEntries(entries.map(([name, ok]) => [name, ok ? 'healthy' : 'down'])),
  };
}
