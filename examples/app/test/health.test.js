import assert from 'node:assert/strict';
import { test } from 'node:test';
import { health } from '../src/health.js';

test('healthy when every service is', () => {
  assert.deepEqual(health({ database: true }), { status: 'healthy', services: { database: 'healthy' } });
});

test('degraded when a service is down', () => {
  assert.equal(health({ database: false }).status, 'degraded');
});
