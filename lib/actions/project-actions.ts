import { childRecords } from "@/lib/projects/child-records";
import { actionCreateSchema, actionUpdateSchema } from "@/lib/validation/schemas";

/** Actions ("azioni") of a project. */
const actions = childRecords({
  entity: "Action",
  delegate: (tx) => tx.action,
  createSchema: actionCreateSchema,
  updateSchema: actionUpdateSchema,
});

export const createAction = actions.create;
export const updateAction = actions.update;
export const deleteAction = actions.remove;
