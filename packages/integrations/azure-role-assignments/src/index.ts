/** @rampart/connector-azure-role-assignments: Microsoft Azure role-based access control (RBAC) tools. Hand-written: the generator created this file once. */
export {
  createAzureRoleAssignmentsConnector,
  type AzureRoleAssignmentsConnectorOptions,
  azureRoleAssignmentsConnector,
} from './generated/connector.js';
