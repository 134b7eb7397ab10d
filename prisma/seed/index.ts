// Seed factories shared by the demo seed (prisma/seed.ts) and the integration tests.
export { createSeedClient, insertInBatches, type SeedDb } from "./client";
export { seedUuid, createRng, centsToDecimal } from "./deterministic";
export {
  seedReference,
  readComuniCsv,
  COMUNI_CSV_PATH,
  LOMBARDY_COMUNE_COUNT,
  LOMBARDY_PROVINCE_COUNT,
  type ComuneRow,
} from "./reference";
export { seedStreams, streamId, STREAMS, type StreamCode, type StreamSeed } from "./streams";
export { seedSmartLand, SUD_EST_MILANO, SUD_EST_MILANO_COMUNI, SMART_LAND_SINCE, ISTAT } from "./smart-land";
export {
  seedUsers,
  createUser,
  demoUserId,
  DEMO_ACCOUNTS,
  type DemoAccount,
  type CreateUserInput,
} from "./users";
export {
  seedDemoProgramme,
  buildDemoProgramme,
  demoProjectCount,
  DEMO_TODAY,
  FLAGSHIPS,
  type DemoProgramme,
} from "./demo-programme";
export {
  createStream,
  createProject,
  createFundingLine,
  createAction,
  createIndicator,
  type CreateProjectInput,
  type CreateFundingLineInput,
  type CreateActionInput,
  type CreateIndicatorInput,
  type CreateStreamInput,
} from "./factories";
export { seedAdherence } from "./adherence";
export { seedDocuments, minimalPdf } from "./documents";
export { seedProgrammePlan } from "./programme-plan";
export { seedPhases } from "./phases";
export { seedRounds, CLOSED_ROUND_ID, OPEN_ROUND_ID, OPEN_ROUND_STATUS } from "./rounds";
