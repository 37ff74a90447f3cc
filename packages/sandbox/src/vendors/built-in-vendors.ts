import { oktaVendor } from './okta.js';
import type { AnyVendorBinding } from './vendor-binding.js';

/** Every vendor this package simulates, one binding per connector package. */
export const builtInVendors: readonly AnyVendorBinding[] = Object.freeze([oktaVendor]);
