import { describe, expect, it } from 'vitest';
import { ocsfClasses } from './ocsf-classes.js';

describe('ocsfClasses', () => {
  it('class uids are category uid × 1000 + the class number', () => {
    for (const [key, definition] of Object.entries(ocsfClasses)) {
      expect(Math.floor(definition.class_uid / 1000), key).toBe(definition.category_uid);
    }
  });

  it('has unique class uids', () => {
    const uids = Object.values(ocsfClasses).map((definition) => definition.class_uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});
