import { silentLogger } from '@rampart/connector-kit';
import { describe, expect, it } from 'vitest';
import { createZoomConnector } from './index.js';

const options = { credentials: { type: 'bearer', token: 'test-token' }, logger: silentLogger } as const;

describe('Zoom quota plans', () => {
  it('uses the Pro limits by default and the Business limits when the host says so', async () => {
    const limits = (connector: ReturnType<typeof createZoomConnector>) =>
      Object.fromEntries(connector.definition.quotas.map((quota) => [quota.id, quota.limit]));
    const pro = createZoomConnector(options);
    const business = createZoomConnector({ ...options, plan: 'business' });
    expect(limits(pro)).toEqual({ light: 30, medium: 20, heavy: 10 });
    expect(limits(business)).toEqual({ light: 80, medium: 60, heavy: 40 });
    expect(business.definition.quotas.every((quota) => quota.windowMs === 1000)).toBe(true);
    await Promise.all([pro.close(), business.close()]);
  });
});
