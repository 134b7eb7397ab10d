// The records that live under a project — funding lines ("risorse"), actions ("azioni"), indicators
// ("indicatori") — declared once. Everything that names a child kind derives from this registry: the API
// routes (/api/v1/projects/{id}/<api>), the portal's pages and server actions
// (/comuni/{istat}/interventi/{id}/<page>/…), the create/update/delete engine and its audit events
// (lib/api/child-records.ts), the OpenAPI operations, tags and request bodies (lib/api/openapi.ts,
// lib/api/schemas.ts). The label of each entity in the audit log is in lib/format/audit.ts (UI-safe, below
// this layer); `entity` must name one of its entries.
import "server-only";
import type { Tx } from "@/lib/db";
import type { AuditEntity } from "@/lib/format/audit";
import {
  actionCreateSchema,
  actionUpdateSchema,
  fundingLineCreateSchema,
  fundingLineUpdateSchema,
  indicatorCreateSchema,
  indicatorUpdateSchema,
} from "@/lib/validation/schemas";

export const CHILD_KINDS = {
  FundingLine: {
    /** The Prisma model, the audit entity and the prefix of the OpenAPI components. */
    entity: "FundingLine",
    /** The collection's segment in the API: /api/v1/projects/{id}/funding-lines. */
    api: "funding-lines",
    /** The segment of the portal's pages (…/interventi/{id}/risorse/nuovo) and the project page's anchor. */
    page: "risorse",
    /** The project's field holding these records (getProjectForActor and its serialization). */
    pick: "fundingLines",
    labels: {
      tag: "Risorse",
      tagDescription: "Righe di finanziamento di un intervento.",
      one: "una risorsa",
      many: "le risorse",
      new: "Nuova risorsa",
      edit: "Modifica risorsa",
    },
    createSchema: fundingLineCreateSchema,
    updateSchema: fundingLineUpdateSchema,
    delegate: (tx: Tx) => tx.fundingLine,
  },
  Action: {
    entity: "Action",
    api: "actions",
    page: "azioni",
    pick: "actions",
    labels: {
      tag: "Azioni",
      tagDescription: "Attività di un intervento, con scadenze e CIG.",
      one: "un'azione",
      many: "le azioni",
      new: "Nuova azione",
      edit: "Modifica azione",
      createNote: "Con stato DONE serve la data di completamento.",
    },
    createSchema: actionCreateSchema,
    updateSchema: actionUpdateSchema,
    delegate: (tx: Tx) => tx.action,
  },
  Indicator: {
    entity: "Indicator",
    api: "indicators",
    page: "indicatori",
    pick: "indicators",
    labels: {
      tag: "Indicatori",
      tagDescription: "Indicatori di risultato di un intervento.",
      one: "un indicatore",
      many: "gli indicatori",
      new: "Nuovo indicatore",
      edit: "Modifica indicatore",
    },
    createSchema: indicatorCreateSchema,
    updateSchema: indicatorUpdateSchema,
    delegate: (tx: Tx) => tx.indicator,
  },
} as const satisfies { [E in AuditEntity]?: ChildKindSpec & { entity: E } };

type ChildKindSpec = {
  entity: AuditEntity;
  api: string;
  page: string;
  pick: string;
  labels: {
    tag: string;
    tagDescription: string;
    one: string;
    many: string;
    new: string;
    edit: string;
    createNote?: string;
  };
  createSchema: unknown;
  updateSchema: unknown;
  delegate: (tx: Tx) => unknown;
};

export type ChildEntity = keyof typeof CHILD_KINDS;
export type ChildKind = (typeof CHILD_KINDS)[ChildEntity];
/** The portal's name of a kind (the URL segment and the form's `childKind` field): "risorse", … */
export type ChildPageSegment = ChildKind["page"];

/** The kinds in their fixed order (funding lines, actions, indicators). */
export const CHILD_KIND_LIST: readonly ChildKind[] = Object.values(CHILD_KINDS);

/**
 * The kind named by a segment of the API (`"api"`: /api/v1/projects/{id}/funding-lines) or of the portal
 * (`"page"`: …/interventi/{id}/risorse, the child form's `childKind`), or undefined. Only the kinds' own
 * names match: `constructor` or `__proto__` find nothing.
 */
export function findChildKind(segment: string, by: "api" | "page" = "api"): ChildKind | undefined {
  return CHILD_KIND_LIST.find((kind) => kind[by] === segment);
}
