import { RampartError } from '../errors.js';

/** A fact was offered for one tenant but its provenance names another: tenants' graphs never mix. */
export class GraphTenantError extends RampartError {
  override readonly name = 'GraphTenantError';
  constructor(
    readonly tenantId: string,
    readonly factTenantId: string,
    /** Where in the write, e.g. `edges[3].provenance.tenantId`. */
    readonly path: string,
  ) {
    super(`Graph write for tenant "${tenantId}" holds a fact of tenant "${factTenantId}" at ${path}`);
  }
  static override isInstance(value: unknown): value is GraphTenantError {
    return RampartError.isInstance(value) && value.name === 'GraphTenantError';
  }
}
