import { createAction, deleteAction, updateAction } from "@/lib/actions/project-actions";
import { notFound } from "@/lib/errors";
import { createFundingLine, deleteFundingLine, updateFundingLine } from "@/lib/funding/funding-lines";
import { createIndicator, deleteIndicator, updateIndicator } from "@/lib/indicators/indicators";
import type { ProjectDetail } from "./get-project";
import { serializeProject } from "./serialize";

/** The API's names for a project's child collections and the lib functions behind them. */
const COLLECTIONS = {
  "funding-lines": {
    create: createFundingLine,
    update: updateFundingLine,
    remove: deleteFundingLine,
    pick: "fundingLines",
  },
  actions: { create: createAction, update: updateAction, remove: deleteAction, pick: "actions" },
  indicators: {
    create: createIndicator,
    update: updateIndicator,
    remove: deleteIndicator,
    pick: "indicators",
  },
} as const;

export type ChildCollection = keyof typeof COLLECTIONS;

export function childCollection(name: string) {
  if (!Object.hasOwn(COLLECTIONS, name)) throw notFound();
  return COLLECTIONS[name as ChildCollection];
}

/** One child record in its API shape, read from the serialized project. */
export function serializeChild(
  project: ProjectDetail,
  collection: ReturnType<typeof childCollection>,
  id: string,
) {
  const list = serializeProject(project)[collection.pick] as { id: string }[];
  const item = list.find((x) => x.id === id);
  if (!item) throw notFound();
  return item;
}
