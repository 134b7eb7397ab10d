import { childRecords } from "@/lib/projects/child-records";
import { fundingLineCreateSchema, fundingLineUpdateSchema } from "@/lib/validation/schemas";

/** Resources ("risorse") of a project: createFundingLine(actor, projectId, input) and friends. */
const fundingLines = childRecords({
  entity: "FundingLine",
  delegate: (tx) => tx.fundingLine,
  createSchema: fundingLineCreateSchema,
  updateSchema: fundingLineUpdateSchema,
});

export const createFundingLine = fundingLines.create;
export const updateFundingLine = fundingLines.update;
export const deleteFundingLine = fundingLines.remove;
