/** @rampart/connector-palo-alto-prisma-cloud: Palo Alto Networks Prisma Cloud CSPM API tools. Hand-written: the generator created this file once. */
export {
  createPaloAltoPrismaCloudConnector,
  type PaloAltoPrismaCloudConnectorOptions,
  paloAltoPrismaCloudConnector,
} from './generated/connector.js';
