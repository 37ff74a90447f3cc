/** @rampart/connector-azure-virtual-machines: Microsoft Azure Virtual Machines tools. Hand-written: the generator created this file once. */
export {
  createAzureVirtualMachinesConnector,
  type AzureVirtualMachinesConnectorOptions,
  azureVirtualMachinesConnector,
} from './generated/connector.js';
