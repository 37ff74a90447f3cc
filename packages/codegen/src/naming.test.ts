import { describe, expect, it } from 'vitest';
import {
  camelCase,
  fieldNameFor,
  humanize,
  pascalCase,
  propertyKey,
  schemaIdentifier,
  toolNameFor,
  words,
} from './naming.js';

describe('naming', () => {
  it('splits every vendor spelling into words', () => {
    expect(words('getUserByID')).toEqual(['get', 'User', 'By', 'ID']);
    expect(words('users.list')).toEqual(['users', 'list']);
    expect(words('HTTPServerError')).toEqual(['HTTP', 'Server', 'Error']);
    expect(words('forgotPassword(oneTimeCode)')).toEqual(['forgot', 'Password', 'one', 'Time', 'Code']);
  });

  it('makes camelCase tool names from operationIds', () => {
    expect(toolNameFor('GetFindings', 'POST', '/findings')).toBe('getFindings');
    expect(toolNameFor('users.messages.list', 'GET', '/x')).toBe('usersMessagesList');
    expect(toolNameFor('forgotPassword(oneTimeCode)', 'POST', '/x')).toBe('forgotPasswordOneTimeCode');
    expect(toolNameFor('list_users', 'GET', '/x')).toBe('listUsers');
    expect(toolNameFor('2fa-reset', 'POST', '/x')).toBe('call2faReset');
  });

  it('derives a name from the route when there is no operationId', () => {
    expect(toolNameFor('GET /api/v1/users/{userId}/groups', 'GET', '/api/v1/users/{userId}/groups')).toBe(
      'getUsersByUserIdGroups',
    );
    expect(toolNameFor('DELETE /v2.1/hosts/{id}', 'DELETE', '/v2.1/hosts/{id}')).toBe('deleteHostsById');
  });

  it('keeps tool names within what model APIs accept', () => {
    const name = toolNameFor('a'.repeat(100), 'GET', '/x');
    expect(name).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/);
  });

  it('keeps wire names that are identifiers and camelCases the rest', () => {
    expect(fieldNameFor('max_results')).toBe('max_results');
    expect(fieldNameFor('filter[name]')).toBe('filterName');
    expect(fieldNameFor('X-Request-Id')).toBe('xRequestId');
    expect(fieldNameFor('$top')).toBe('top');
  });

  it('makes unique, non-reserved schema identifiers', () => {
    const taken = new Set<string>(['UserInput']);
    expect(schemaIdentifier('user', taken)).toBe('User');
    expect(schemaIdentifier('User', taken)).toBe('User2');
    expect(schemaIdentifier('Error', taken)).toBe('ErrorSchema');
    expect(schemaIdentifier('microsoft.graph.user', taken)).toBe('MicrosoftGraphUser');
    expect(schemaIdentifier('UserInput', taken)).toBe('UserInput2');
  });

  it('cases and humanizes', () => {
    expect(camelCase('Suspend_User')).toBe('suspendUser');
    expect(pascalCase('acme-edr')).toBe('AcmeEdr');
    expect(humanize('listSystemLogEvents')).toBe('List system log events');
    expect(humanize('getMFAFactors')).toBe('Get MFA factors');
  });

  it('quotes object keys only when needed', () => {
    expect(propertyKey('name')).toBe('name');
    expect(propertyKey('filter[name]')).toBe('"filter[name]"');
  });
});
