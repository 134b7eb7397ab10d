import { childRecords } from "@/lib/projects/child-records";
import { indicatorCreateSchema, indicatorUpdateSchema } from "@/lib/validation/schemas";

/** Indicators ("indicatori", CITYkeys-shaped) of a project. */
const indicators = childRecords({
  entity: "Indicator",
  delegate: (tx) => tx.indicator,
  createSchema: indicatorCreateSchema,
  updateSchema: indicatorUpdateSchema,
});

export const createIndicator = indicators.create;
export const updateIndicator = indicators.update;
export const deleteIndicator = indicators.remove;
